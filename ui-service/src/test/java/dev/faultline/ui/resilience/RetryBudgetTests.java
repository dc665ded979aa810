package dev.faultline.ui.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryBudget}.
 */
class RetryBudgetTests {

	private static final ProtectionLevel LEVEL = ProtectionLevel.RETRY;

	private final RetryBudget budget = new RetryBudget(new ResilienceProperties(0.2, 3, 10, Duration.ofMinutes(1)));

	@Test
	void allowsABurstUpToItsCapacity() {
		assertThat(this.budget.tryRetry(LEVEL)).isTrue();
		assertThat(this.budget.tryRetry(LEVEL)).isTrue();
		assertThat(this.budget.tryRetry(LEVEL)).isTrue();
		assertThat(this.budget.tryRetry(LEVEL)).isFalse();
	}

	@Test
	void thenAllowsOneRetryPerFiveCalls() {
		drain(LEVEL);
		for (int i = 0; i < 4; i++) {
			this.budget.recordCall(LEVEL);
		}
		assertThat(this.budget.tryRetry(LEVEL)).isFalse();
		this.budget.recordCall(LEVEL);
		assertThat(this.budget.tryRetry(LEVEL)).isTrue();
	}

	@Test
	void neverHoldsMoreThanItsCapacity() {
		for (int i = 0; i < 100; i++) {
			this.budget.recordCall(LEVEL);
		}
		assertThat(this.budget.available(LEVEL)).isEqualTo(3.0);
	}

	@Test
	void refillRestoresTheBurst() {
		this.budget.tryRetry(LEVEL);
		this.budget.refill();
		assertThat(this.budget.available(LEVEL)).isEqualTo(3.0);
	}

	@Test
	void aLevelsRetriesArePaidOnlyByItsOwnCalls() {
		drain(ProtectionLevel.RETRY);
		drain(ProtectionLevel.FULL);
		for (int i = 0; i < 100; i++) {
			this.budget.recordCall(ProtectionLevel.NONE);
			this.budget.recordCall(ProtectionLevel.TIMEOUT);
			this.budget.recordCall(ProtectionLevel.FULL);
		}

		assertThat(this.budget.tryRetry(ProtectionLevel.RETRY)).isFalse();
		assertThat(this.budget.tryRetry(ProtectionLevel.FULL)).isTrue();
	}

	@Test
	void levelsWithoutARetryHaveNoBudget() {
		assertThat(this.budget.tryRetry(ProtectionLevel.NONE)).isFalse();
		assertThat(this.budget.available(ProtectionLevel.TIMEOUT)).isZero();
	}

	private void drain(ProtectionLevel level) {
		while (this.budget.tryRetry(level)) {
			// Empty the bucket.
		}
	}

}
