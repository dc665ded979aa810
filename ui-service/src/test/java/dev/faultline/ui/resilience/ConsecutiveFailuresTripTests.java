package dev.faultline.ui.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.faultline.testsupport.MutableClock;
import dev.faultline.ui.backend.BackendException;
import dev.faultline.ui.backend.BackendExceptionsForTests;
import dev.faultline.ui.backend.BackendRejectedException;
import dev.faultline.ui.backend.FailureReason;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.core.registry.RegistryEventConsumer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ConsecutiveFailuresTrip}: a run of failures opens a level's breaker
 * even when its rate window is full of healthy calls; what the breaker ignores neither
 * counts nor breaks the run; the trip is an ordinary transition, and never fails a call.
 */
class ConsecutiveFailuresTripTests {

	private static final int THRESHOLD = 5;

	private static final Duration MAX_AGE = Duration.ofSeconds(10);

	private static final Duration SLOW = Duration.ofMillis(800);

	private static final BackendException SERVER_ERROR = BackendExceptionsForTests.serverError(500, true);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));

	private final List<Object> published = new ArrayList<>();

	private final CircuitBreakerRegistry registry = registry(new ConsecutiveFailuresTrip(
			new ConsecutiveFailuresProperties(THRESHOLD, MAX_AGE), this.clock, this.published::add));

	private final CircuitBreaker breaker = this.registry.circuitBreaker(ProtectionLevel.FULL.id());

	@Test
	void aRunOfFailuresOpensTheBreakerThoughTheWindowIsFullOfHealthyCalls() {
		succeed(50);

		fail(THRESHOLD - 1);
		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
		fail(1);

		assertThat(this.breaker.getState()).isEqualTo(State.OPEN);
		assertThat(this.breaker.getMetrics().getFailureRate()).as("the rate alone would not have opened it")
			.isLessThan(this.breaker.getCircuitBreakerConfig().getFailureRateThreshold());
	}

	@Test
	void aSuccessInTimeBreaksTheRun() {
		succeed(50);

		for (int round = 0; round < 5; round++) {
			fail(THRESHOLD - 1);
			succeed(1);
		}

		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void aSuccessBreaksTheRunHoweverSlow() {
		succeed(50);

		fail(THRESHOLD - 1);
		this.breaker.onSuccess(SLOW.toMillis() * 2, TimeUnit.MILLISECONDS);
		fail(THRESHOLD - 1);

		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void whatTheBreakerIgnoresNeitherCountsNorBreaksTheRun() {
		succeed(50);

		fail(THRESHOLD - 1);
		for (int i = 0; i < 10; i++) {
			this.breaker.onError(5, TimeUnit.MILLISECONDS, BackendExceptionsForTests.rejected(404));
			this.breaker.onError(0, TimeUnit.MILLISECONDS, new RejectedExecutionException("attempt pool full"));
		}
		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
		fail(1);

		assertThat(this.breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void failuresOlderThanTheMaximumAgeNeverJoinAFreshOne() {
		succeed(50);
		fail(THRESHOLD - 1);

		this.clock.advance(MAX_AGE.plusSeconds(1));
		fail(1);

		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void theTripIsAnOrdinaryTransitionOnTheFailingCallsThreadSoItIsSharedAsAnyOpening() {
		List<String> transitions = new ArrayList<>();
		this.breaker.getEventPublisher()
			.onStateTransition((event) -> transitions.add(event.getStateTransition() + " on "
					+ Thread.currentThread().getName() + " from " + BreakerOrigin.peer().orElse("this replica")));
		succeed(50);

		fail(THRESHOLD);

		assertThat(transitions).containsExactly(CircuitBreaker.StateTransition.CLOSED_TO_OPEN + " on "
				+ Thread.currentThread().getName() + " from this replica");
		assertThat(this.published).as("why, for the dashboard")
			.containsExactly(new BreakerTripped(ProtectionLevel.FULL, THRESHOLD, FailureReason.BACKEND_ERROR));
	}

	@Test
	void theRunStartsOverWithEveryStateChange() {
		succeed(50);
		fail(THRESHOLD - 1);

		this.breaker.transitionToOpenState();
		this.breaker.transitionToHalfOpenState();
		this.breaker.transitionToClosedState();
		succeed(50);
		fail(THRESHOLD - 1);

		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void failuresWhileNotClosedLeaveTheStateAlone() {
		this.breaker.transitionToOpenState();
		assertThatNoException().isThrownBy(() -> fail(THRESHOLD * 2));
		assertThat(this.breaker.getState()).isEqualTo(State.OPEN);

		this.breaker.transitionToDisabledState();
		fail(THRESHOLD * 2);
		assertThat(this.breaker.getState()).isEqualTo(State.DISABLED);
	}

	@Test
	void breakersOfOtherNamesAreLeftToTheirRateWindow() {
		CircuitBreaker outbox = this.registry.circuitBreaker("outbox");
		for (int i = 0; i < 50; i++) {
			outbox.onSuccess(1, TimeUnit.MILLISECONDS);
		}

		for (int i = 0; i < THRESHOLD * 2; i++) {
			outbox.onError(1, TimeUnit.MILLISECONDS, SERVER_ERROR);
		}

		assertThat(outbox.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void aFailingVerdictNeverFailsTheCallNorKeepsTheEventFromLaterConsumers() {
		CircuitBreaker breaker = registry(new ConsecutiveFailuresTrip(
				new ConsecutiveFailuresProperties(THRESHOLD, MAX_AGE), new BrokenClock(), this.published::add))
			.circuitBreaker(ProtectionLevel.FULL.id());
		List<CircuitBreakerEvent> seenAfter = new ArrayList<>();
		breaker.getEventPublisher().onEvent(seenAfter::add);

		assertThatNoException().isThrownBy(() -> breaker.onError(1, TimeUnit.MILLISECONDS, SERVER_ERROR));

		assertThat(seenAfter).hasSize(1);
		assertThat(seenAfter).noneMatch(CircuitBreakerOnStateTransitionEvent.class::isInstance);
	}

	private void succeed(int calls) {
		for (int i = 0; i < calls; i++) {
			this.breaker.onSuccess(5, TimeUnit.MILLISECONDS);
		}
	}

	private void fail(int calls) {
		for (int i = 0; i < calls; i++) {
			this.breaker.onError(5, TimeUnit.MILLISECONDS, SERVER_ERROR);
		}
	}

	/**
	 * A registry like the application's: the same kind of window and the same recorded
	 * and ignored failures.
	 */
	private static CircuitBreakerRegistry registry(RegistryEventConsumer<CircuitBreaker> trip) {
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
			.slidingWindowSize((int) MAX_AGE.toSeconds())
			.minimumNumberOfCalls(5)
			.failureRateThreshold(50)
			.slowCallRateThreshold(50)
			.slowCallDurationThreshold(SLOW)
			.recordExceptions(BackendException.class)
			.ignoreExceptions(BackendRejectedException.class, RejectedExecutionException.class)
			.build();
		return CircuitBreakerRegistry.of(config, trip);
	}

	/** A clock that fails whenever it is read. */
	private static final class BrokenClock extends Clock {

		@Override
		public Instant instant() {
			throw new IllegalStateException("clock broken");
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
