package dev.faultline.benchmarks.run;

import dev.faultline.benchmarks.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the timeline arithmetic of {@link SuiteRunner}: when the backend counts as
 * healthy again.
 */
class SuiteRunnerTests {

	private static final Scenario FLAPPING = Scenario.named("flapping", "full").orElseThrow();

	private static final Scenario HANG = Scenario.named("hang", "full").orElseThrow();

	@Test
	void aFlapIsHealthyAgainAtTheEndOfEachDownPhaseAndWhenCleared() {
		// Down 0-5 s, up 5-10 s, down 10-15 s, up 15-20 s; cleared at 20 s, just as a
		// down phase begins.
		assertThat(SuiteRunner.flapUpTransitions(FLAPPING, 1000, 21_000)).containsExactly(6000L, 16_000L, 21_000L);
	}

	@Test
	void aFlapClearedDuringAnUpPhaseIsAlreadyHealthy() {
		assertThat(SuiteRunner.flapUpTransitions(FLAPPING, 1000, 18_000)).containsExactly(6000L, 16_000L);
	}

	@Test
	void anyOtherFaultIsHealthyAgainWhenCleared() {
		assertThat(SuiteRunner.flapUpTransitions(HANG, 1000, 21_000)).containsExactly(21_000L);
	}

}
