package dev.faultline.ui.verdict;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.faultline.testsupport.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules both kinds of breaker share: a run of recorded failures while closed opens
 * the breaker, told first; a success breaks the run; a state change starts it over and is
 * told.
 */
class FailureRunTripTests {

	private final CircuitBreaker breaker = CircuitBreaker.of("trip",
			CircuitBreakerConfig.custom().minimumNumberOfCalls(100).slidingWindowSize(100).build());

	private final ConsecutiveFailures verdict = new ConsecutiveFailures(3, Duration.ofSeconds(10),
			new MutableClock(1_800_000_000_000L));

	private final List<Throwable> runs = new ArrayList<>();

	private final List<State> transitions = new ArrayList<>();

	FailureRunTripTests() {
		FailureRunTrip.watch(this.breaker, this.verdict, this.runs::add,
				(transition) -> this.transitions.add(transition.getStateTransition().getToState()));
	}

	private void fail(String why) {
		this.breaker.onError(1, TimeUnit.MILLISECONDS, new IOException(why));
	}

	@Test
	void aRunOfFailuresOpensTheBreakerAfterTellingTheLastFailure() {
		fail("one");
		fail("two");
		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);

		fail("three");

		assertThat(this.breaker.getState()).isEqualTo(State.OPEN);
		assertThat(this.runs).singleElement().extracting(Throwable::getMessage).isEqualTo("three");
		assertThat(this.transitions).containsExactly(State.OPEN);
	}

	@Test
	void aSuccessBreaksTheRun() {
		fail("one");
		fail("two");
		this.breaker.onSuccess(1, TimeUnit.MILLISECONDS);
		fail("three");

		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(this.verdict.failuresInARow()).isOne();
		assertThat(this.runs).isEmpty();
	}

	@Test
	void aStateChangeStartsTheRunOverAndIsTold() {
		fail("one");
		fail("two");

		this.breaker.transitionToForcedOpenState();
		this.breaker.transitionToClosedState();
		fail("three");

		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(this.verdict.failuresInARow()).isOne();
		assertThat(this.transitions).containsExactly(State.FORCED_OPEN, State.CLOSED);
	}

	@Test
	void aFailingListenerNeverFailsTheCall() {
		CircuitBreaker other = CircuitBreaker.ofDefaults("failing");
		FailureRunTrip.watch(other, new ConsecutiveFailures(1, Duration.ofSeconds(10), new MutableClock(0)), (last) -> {
			throw new IllegalStateException("listener broke");
		}, (transition) -> {
		});

		other.onError(1, TimeUnit.MILLISECONDS, new IOException("down"));

		assertThat(other.getState()).isEqualTo(State.CLOSED);
	}

}
