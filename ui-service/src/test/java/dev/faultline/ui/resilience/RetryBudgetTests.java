package dev.faultline.ui.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryBudget}.
 */
class RetryBudgetTests {

	private final RetryBudget budget = new RetryBudget(new ResilienceProperties(0.2, 3, 10, Duration.ofMinutes(1)));

	@Test
	void allowsABurstUpToItsCapacity() {
		assertThat(this.budget.tryRetry()).isTrue();
		assertThat(this.budget.tryRetry()).isTrue();
		assertThat(this.budget.tryRetry()).isTrue();
		assertThat(this.budget.tryRetry()).isFalse();
	}

	@Test
	void thenAllowsOneRetryPerFiveCalls() {
		while (this.budget.tryRetry()) {
			// drain the burst
		}
		for (int i = 0; i < 4; i++) {
			this.budget.recordCall();
		}
		assertThat(this.budget.tryRetry()).isFalse();
		this.budget.recordCall();
		assertThat(this.budget.tryRetry()).isTrue();
	}

	@Test
	void neverHoldsMoreThanItsCapacity() {
		for (int i = 0; i < 100; i++) {
			this.budget.recordCall();
		}
		assertThat(this.budget.available()).isEqualTo(3.0);
	}

	@Test
	void refillRestoresTheBurst() {
		this.budget.tryRetry();
		this.budget.refill();
		assertThat(this.budget.available()).isEqualTo(3.0);
	}

}
