package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link Figures}, on the small run of {@link ResultsCheckTests.SmokeResults}.
 */
class FiguresTests {

	@TempDir
	Path dir;

	@Test
	void sharesLatenciesBreakerAndRecovery() throws IOException {
		ResultsCheckTests.SmokeResults.write(this.dir);
		List<Figures.ScenarioFigures> figures = Figures.compute(Results.load(this.dir));
		Figures.ScenarioFigures refused = figures.get(1);
		Figures.Level none = refused.level("none");
		Figures.Level full = refused.level("full");
		assertThat(none.requests()).isEqualTo(100);
		assertThat(none.withinDeadline()).isEqualTo(0.5);
		assertThat(none.failed()).isEqualTo(0.5);
		assertThat(full.withinDeadline()).isEqualTo(1.0);
		assertThat(full.cache()).isEqualTo(0.5);
		assertThat(full.p50()).isEqualTo(7L);
		assertThat(full.timeToOpenMs()).isEqualTo(600L);
		// Calls per request count the fault window (12.0 s to 17.0 s) only: 6 requests
		// before the OPEN sample at
		// 12.6 s and 44 after it, all answered from the cache without a call.
		assertThat(full.callsPerRequestClosed()).isEqualTo(0.0);
		assertThat(full.callsPerRequestOpen()).isEqualTo(0.0);
		// What the budget allows over those 6 requests: one call each, 20% more, and the
		// burst of 10 spread over them; level none has no retry, so no budget.
		assertThat(full.budgetLimitClosed()).isCloseTo(1 + 0.2 + 10.0 / 6, within(1e-9));
		assertThat(none.budgetLimitClosed()).isNull();
		// Every call of the scenario, for comparison with the backend's own count: 50
		// live answers, one call each.
		assertThat(full.backendCalls()).isEqualTo(50);
		// Backend healthy at 17.0 s; the first live answer was sent at 17.0 s and took 7
		// ms.
		assertThat(full.recoveryMedianMs()).isEqualTo(7L);
		assertThat(none.recoveryMedianMs()).isEqualTo(5L);
		assertThat(none.aboutP99()).isEqualTo(2L);
		assertThat(refused.backendCounted()).isEqualTo(120L);
	}

}
