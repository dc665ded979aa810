package dev.faultline.benchmarks.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Tests for {@link Statistics}. */
class StatisticsTests {

	@Test
	void percentileIsTheNearestRank() {
		List<Long> values = List.of(5L, 1L, 4L, 2L, 3L, 10L, 9L, 8L, 7L, 6L);
		assertThat(Statistics.percentile(values, 50)).isEqualTo(5L);
		assertThat(Statistics.percentile(values, 90)).isEqualTo(9L);
		assertThat(Statistics.percentile(values, 99)).isEqualTo(10L);
		assertThat(Statistics.percentile(values, 100)).isEqualTo(10L);
		assertThat(Statistics.percentile(values, 1)).isEqualTo(1L);
	}

	@Test
	void percentileOfOneValueIsThatValue() {
		assertThat(Statistics.percentile(List.of(42L), 50)).isEqualTo(42L);
		assertThat(Statistics.percentile(List.of(42L), 99)).isEqualTo(42L);
	}

	@Test
	void percentileOfNothingIsNull() {
		assertThat(Statistics.percentile(List.of(), 50)).isNull();
	}

	@Test
	void shareOfNothingIsZero() {
		assertThat(Statistics.share(3, 4)).isEqualTo(0.75);
		assertThat(Statistics.share(0, 0)).isZero();
	}

	@Test
	void perSecondIsTheCountOverTheTime() {
		assertThat(Statistics.perSecond(70, 2000)).isEqualTo(35.0);
		assertThat(Statistics.perSecond(1, 3)).isCloseTo(333.33, within(0.01));
	}

	@Test
	void perSecondWithoutTimeIsZero() {
		assertThat(Statistics.perSecond(5, 0)).isZero();
	}

	@Test
	void recoveryIsTheFirstLiveAnswerAfterEachHealthyMoment() {
		List<Long> healthy = List.of(1000L, 11000L);
		List<Long> live = List.of(500L, 12500L, 1800L, 2500L, 11200L);
		assertThat(Statistics.recoveryTimes(healthy, live, Long.MAX_VALUE)).containsExactly(800L, 200L);
	}

	@Test
	void recoveryWithoutALiveAnswerInItsWindowIsLeftOut() {
		List<Long> healthy = List.of(1000L, 11000L);
		List<Long> live = List.of(12000L);
		assertThat(Statistics.recoveryTimes(healthy, live, Long.MAX_VALUE)).containsExactly(1000L);
		assertThat(Statistics.recoveryTimes(List.of(1000L), List.of(500L), Long.MAX_VALUE)).isEmpty();
	}

}
