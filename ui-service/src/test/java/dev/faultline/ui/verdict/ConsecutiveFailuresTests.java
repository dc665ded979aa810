package dev.faultline.ui.verdict;

import java.time.Duration;
import java.time.Instant;

import dev.faultline.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ConsecutiveFailures}: a run of failures is a verdict, a success breaks
 * it, and failures older than the maximum age never count.
 */
class ConsecutiveFailuresTests {

	private static final Duration MAX_AGE = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));

	private final ConsecutiveFailures verdict = new ConsecutiveFailures(3, MAX_AGE, this.clock);

	@Test
	void theThresholdthFailureInARowIsTheVerdict() {
		assertThat(this.verdict.failed()).isFalse();
		assertThat(this.verdict.failed()).isFalse();

		assertThat(this.verdict.failed()).isTrue();
	}

	@Test
	void aSuccessBreaksTheRun() {
		this.verdict.failed();
		this.verdict.failed();
		this.verdict.succeeded();

		assertThat(this.verdict.failed()).isFalse();
		assertThat(this.verdict.failuresInARow()).isEqualTo(1);
	}

	@Test
	void oneRunMakesOneVerdictAndTheNextRunStartsFromNothing() {
		for (int i = 0; i < 3; i++) {
			this.verdict.failed();
		}

		assertThat(this.verdict.failuresInARow()).isZero();
		assertThat(this.verdict.failed()).isFalse();
	}

	@Test
	void failuresOlderThanTheMaximumAgeNeverJoinAFreshOne() {
		this.verdict.failed();
		this.verdict.failed();
		this.clock.advance(MAX_AGE.plusMillis(1));

		assertThat(this.verdict.failuresInARow()).isZero();
		assertThat(this.verdict.failed()).isFalse();
	}

	@Test
	void onlyTheFailuresThatAgedOutAreDropped() {
		this.verdict.failed();
		this.clock.advance(MAX_AGE.dividedBy(2));
		this.verdict.failed();
		this.clock.advance(MAX_AGE.dividedBy(2).plusMillis(1));

		assertThat(this.verdict.failuresInARow()).isEqualTo(1);
		assertThat(this.verdict.failed()).isFalse();
		assertThat(this.verdict.failed()).isTrue();
	}

	@Test
	void forgettingStartsTheRunOver() {
		this.verdict.failed();
		this.verdict.failed();
		this.verdict.forget();

		assertThat(this.verdict.failed()).isFalse();
	}

	@Test
	void aThresholdBelowOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ConsecutiveFailures(0, MAX_AGE, this.clock));
	}

}
