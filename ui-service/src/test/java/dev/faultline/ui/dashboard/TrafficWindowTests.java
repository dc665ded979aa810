package dev.faultline.ui.dashboard;

import dev.faultline.ui.dashboard.TrafficWindow.Outcome;
import dev.faultline.ui.dashboard.TrafficWindow.Recent;
import dev.faultline.ui.dashboard.TrafficWindow.TrafficPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rolling two minutes behind the dashboard's charts: outcome counts and percentiles
 * per second, and old seconds falling out of the window.
 */
class TrafficWindowTests {

	private static final long T0 = 1_800_000_000_000L;

	private final TrafficWindow window = new TrafficWindow();

	@Test
	void countsOutcomesAndLatencyPercentilesPerSecond() {
		for (int i = 1; i <= 100; i++) {
			this.window.record((i <= 90) ? Outcome.LIVE : (i <= 98) ? Outcome.CACHED : Outcome.FAILED, i, T0 + 10);
		}

		TrafficPoint point = this.window.latest(T0 + 1000);

		assertThat(point.t()).isEqualTo(T0);
		assertThat(point.live()).isEqualTo(90);
		assertThat(point.cached()).isEqualTo(8);
		assertThat(point.failed()).isEqualTo(2);
		assertThat(point.p50()).isEqualTo(50);
		assertThat(point.p99()).isEqualTo(99);
	}

	@Test
	void historyIsTwoMinutesOfSecondsOldestFirstWithEmptySecondsAsZero() {
		this.window.record(Outcome.LIVE, 5, T0);
		this.window.record(Outcome.FAILED, 7, T0 + 3000);

		var history = this.window.history(T0 + 4000);

		assertThat(history).hasSize(TrafficWindow.SECONDS);
		assertThat(history.get(TrafficWindow.SECONDS - 1).t()).isEqualTo(T0 + 3000);
		assertThat(history.get(TrafficWindow.SECONDS - 1).failed()).isEqualTo(1);
		assertThat(history.get(TrafficWindow.SECONDS - 4).live()).isEqualTo(1);
		assertThat(history.get(TrafficWindow.SECONDS - 2).p50()).isNull();
	}

	@Test
	void secondsOlderThanTheWindowAreForgottenWhenTheirBucketIsReused() {
		this.window.record(Outcome.FAILED, 10, T0);
		this.window.record(Outcome.LIVE, 20, T0 + TrafficWindow.SECONDS * 1000L);

		TrafficPoint reused = this.window.latest(T0 + (TrafficWindow.SECONDS + 1) * 1000L);
		Recent lastTen = this.window.recent(T0 + (TrafficWindow.SECONDS + 1) * 1000L, 10);

		assertThat(reused.failed()).isZero();
		assertThat(reused.live()).isEqualTo(1);
		assertThat(lastTen.total()).isEqualTo(1);
		assertThat(this.window.history(T0 + (TrafficWindow.SECONDS + 1) * 1000L)).allMatch((p) -> p.failed() == 0);
	}

	@Test
	void recentSumsTheLastSecondsIntoARateAndPercentiles() {
		for (int second = 0; second < 10; second++) {
			this.window.record(Outcome.LIVE, 100, T0 + second * 1000L);
			this.window.record(Outcome.CACHED, 2, T0 + second * 1000L + 500);
		}

		Recent recent = this.window.recent(T0 + 10_000, 10);

		assertThat(recent.live()).isEqualTo(10);
		assertThat(recent.cached()).isEqualTo(10);
		assertThat(recent.ratePerSecond()).isEqualTo(2.0);
		assertThat(recent.p50()).isEqualTo(2);
		assertThat(recent.p99()).isEqualTo(100);
	}

}
