package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link Figures}, on the small run of {@link ResultsCheckTests.SmokeResults}. */
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
		// 48 requests were sent while the last sample said OPEN (12.6 s to 17.4 s): the 44 before the fault ended made
		// no call, the 4 after it made one each (the sampler had not yet seen the breaker close).
		assertThat(full.callsPerRequestOpen()).isEqualTo(4.0 / 48);
		// Closed: 20 live before the fault, 6 from the cache before the breaker opened (0 calls), 26 live after.
		assertThat(full.callsPerRequestClosed()).isEqualTo(46.0 / 52);
		assertThat(full.backendCalls()).isEqualTo(50);
		// Backend healthy at 17.0 s; the first live answer was sent at 17.0 s and took 7 ms.
		assertThat(full.recoveryMedianMs()).isEqualTo(7L);
		assertThat(none.recoveryMedianMs()).isEqualTo(5L);
		assertThat(none.aboutP99()).isEqualTo(2L);
		assertThat(refused.backendCounted()).isEqualTo(120L);
	}

}
