package dev.faultline.benchmarks;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ServiceSettings}: what a run records is what its report reads. */
class ServiceSettingsTests {

	@Test
	void recordedSettingsReadBackUnchanged() {
		ServiceSettings settings = new ServiceSettings(2000L, 0.2, 10.0,
				new ServiceSettings.Breaker("TIME_BASED", 10, 5, 50.0, 1000L, 1), List.of("retry", "full"),
				List.of("circuit-breaker", "full"), List.of("flaky", "every-third"));
		Properties run = new Properties();

		settings.store(run);

		assertThat(ServiceSettings.of(run)).isEqualTo(settings);
	}

	@Test
	void aRunThatRecordedNothingKnowsNothing() {
		ServiceSettings settings = ServiceSettings.of(new Properties());

		assertThat(settings).isEqualTo(ServiceSettings.NONE);
		assertThat(settings.deadline()).isNull();
		assertThat(settings.hasRetry("full")).isNull();
		assertThat(settings.breaker().window()).isNull();
	}

	@Test
	void anOlderRunKeepsTheRetryBudgetItRecorded() {
		Properties run = new Properties();
		run.setProperty("retryBudget.ratio", "0.2");
		run.setProperty("retryBudget.capacity", "10.0");

		ServiceSettings settings = ServiceSettings.of(run);

		assertThat(settings.retryBudgetRatio()).isEqualTo(0.2);
		assertThat(settings.retryBudgetCapacity()).isEqualTo(10.0);
		assertThat(settings.deadlineMs()).isNull();
	}

	@Test
	void durationsReadAsProseWritesThem() {
		assertThat(ServiceSettings.seconds(2000)).isEqualTo("2 s");
		assertThat(ServiceSettings.seconds(1500)).isEqualTo("1.5 s");
		assertThat(ServiceSettings.seconds(800)).isEqualTo("800 ms");
	}

	@Test
	void breakerWindowNamesItsKind() {
		assertThat(new ServiceSettings.Breaker("TIME_BASED", 10, 5, 50.0, 1000L, 1).window())
			.isEqualTo("10 s, at least 5 calls");
		assertThat(new ServiceSettings.Breaker("COUNT_BASED", 20, null, null, null, null).window())
			.isEqualTo("the last 20 calls");
	}

}
