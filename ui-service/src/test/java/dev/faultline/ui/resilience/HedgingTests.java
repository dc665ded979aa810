package dev.faultline.ui.resilience;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Hedging}: the hedge delay follows recent healthy latency within its
 * bounds (or is fixed), and the budget caps hedges at a share of reads.
 */
class HedgingTests {

	private static final Duration MIN = Duration.ofMillis(10);

	private static final Duration MAX = Duration.ofMillis(250);

	private Hedging hedging;

	@AfterEach
	void stopTimer() {
		if (this.hedging != null) {
			this.hedging.destroy();
		}
	}

	@Test
	void untilEnoughAttemptsHaveAnsweredTheDelayIsTheCeiling() {
		this.hedging = new Hedging(properties(null, 20, 0.1, 10));
		for (int i = 0; i < 19; i++) {
			this.hedging.recordLatency(millis(20));
		}

		assertThat(this.hedging.delay()).isEqualTo(MAX);
		this.hedging.recordLatency(millis(20));
		assertThat(this.hedging.delay()).isEqualTo(Duration.ofMillis(20));
	}

	@Test
	void theDelayIsThePercentileOfRecentSuccessfulAttempts() {
		this.hedging = new Hedging(properties(null, 20, 0.1, 10));
		for (int i = 1; i <= 100; i++) {
			this.hedging.recordLatency(millis(i));
		}

		assertThat(this.hedging.delay()).isEqualTo(Duration.ofMillis(95));
	}

	@Test
	void theDerivedDelayStaysWithinItsFloorAndCeiling() {
		this.hedging = new Hedging(properties(null, 20, 0.1, 10));
		for (int i = 0; i < 100; i++) {
			this.hedging.recordLatency(millis(1));
		}
		assertThat(this.hedging.delay()).isEqualTo(MIN);

		for (int i = 0; i < 100; i++) {
			this.hedging.recordLatency(millis(900));
		}
		assertThat(this.hedging.delay()).isEqualTo(MAX);
	}

	@Test
	void onlyTheLatestSamplesCount() {
		this.hedging = new Hedging(properties(null, 20, 0.1, 10));
		for (int i = 0; i < 100; i++) {
			this.hedging.recordLatency(millis(200));
		}
		for (int i = 0; i < 100; i++) {
			this.hedging.recordLatency(millis(30));
		}

		assertThat(this.hedging.delay()).isEqualTo(Duration.ofMillis(30));
	}

	@Test
	void aFixedDelayIsUsedAsItIs() {
		this.hedging = new Hedging(properties(Duration.ofMillis(70), 20, 0.1, 10));
		for (int i = 0; i < 100; i++) {
			this.hedging.recordLatency(millis(5));
		}

		assertThat(this.hedging.delay()).isEqualTo(Duration.ofMillis(70));
	}

	@Test
	void theBudgetAllowsItsBurstThenAHedgeForEveryTenReads() {
		this.hedging = new Hedging(properties(null, 20, 0.1, 10));
		int hedges = 0;
		for (int read = 0; read < 100; read++) {
			this.hedging.recordRead();
			if (this.hedging.tryHedge()) {
				hedges++;
			}
		}

		// capacity + ratio × reads, with a token's rounding either way
		assertThat(hedges).isBetween(10 + 9, 10 + 10);
	}

	@Test
	void contradictoryBoundsAreRefusedWithTheirNames() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HedgeProperties(null, 0.95, 200, 20, MAX, MIN, 0.1, 10))
			.withMessageContaining("faultline.hedge.min-delay");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HedgeProperties(null, 0.95, 10, 20, MIN, MAX, 0.1, 10))
			.withMessageContaining("faultline.hedge.min-samples");
	}

	private static HedgeProperties properties(Duration delay, int minSamples, double ratio, int capacity) {
		return new HedgeProperties(delay, 0.95, 100, minSamples, MIN, MAX, ratio, capacity);
	}

	private static long millis(long millis) {
		return Duration.ofMillis(millis).toNanos();
	}

}
