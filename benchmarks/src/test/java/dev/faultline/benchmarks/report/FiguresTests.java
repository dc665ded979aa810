package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
	void sharesWithinTheDeadlineCountAnswersWithDataOnTime() throws IOException {
		Figures.ScenarioFigures refused = refused();

		assertThat(refused.level("none").requests()).isEqualTo(100);
		assertThat(refused.level("none").withinDeadline()).isEqualTo(0.5);
		assertThat(refused.level("none").failed()).isEqualTo(0.5);
		assertThat(refused.level("full").withinDeadline()).isEqualTo(1.0);
		assertThat(refused.level("full").cache()).isEqualTo(0.5);
		assertThat(refused.level("full").p50()).isEqualTo(7L);
	}

	@Test
	void breakerOpensAtItsFirstOpenSampleAfterTheFault() throws IOException {
		assertThat(refused().level("full").timeToOpenMs()).isEqualTo(600L);
	}

	@Test
	void callsPerRequestCountTheFaultWindowOnly() throws IOException {
		Figures.Level full = refused().level("full");

		// Fault window 12.0 s to 17.0 s: 6 requests before the OPEN sample at 12.6 s and
		// 44 after it, all answered from the cache without a call.
		assertThat(full.callsPerRequestClosed()).isEqualTo(0.0);
		assertThat(full.callsPerRequestOpen()).isEqualTo(0.0);
	}

	@Test
	void retryBudgetLimitsOnlyTheLevelsThatRetry() throws IOException {
		Figures.ScenarioFigures refused = refused();

		// Over those 6 requests: one call each, 20% more, and the burst of 10 spread
		// over them; level none has no retry, so no budget.
		assertThat(refused.level("full").budgetLimitClosed()).isCloseTo(1 + 0.2 + 10.0 / 6, within(1e-9));
		assertThat(refused.level("none").budgetLimitClosed()).isNull();
	}

	@Test
	void backendCallsAreSummedBesideTheBackendsOwnCount() throws IOException {
		Figures.ScenarioFigures refused = refused();

		// 50 live answers, one call each.
		assertThat(refused.level("full").backendCalls()).isEqualTo(50);
		assertThat(refused.backendCounted()).isEqualTo(120L);
	}

	@Test
	void liveAgainRunsFromTheBackendHealthyToTheFirstLiveAnswer() throws IOException {
		Figures.ScenarioFigures refused = refused();

		// Backend healthy at 17.0 s; the first live answer was sent then and took 7 ms.
		assertThat(refused.level("full").recoveryMedianMs()).isEqualTo(7L);
		assertThat(refused.level("none").recoveryMedianMs()).isEqualTo(5L);
	}

	@Test
	void aboutLatencyIsTakenDuringTheFault() throws IOException {
		assertThat(refused().level("none").aboutP99()).isEqualTo(2L);
	}

	@Test
	void aRunThatDidNotRecordItsLevelsTellsThemByItsData() throws IOException {
		ResultsCheckTests.SmokeResults.write(this.dir);
		Path run = this.dir.resolve("run.properties");
		List<String> lines = new ArrayList<>(Files.readAllLines(run));
		lines.removeIf((line) -> line.startsWith("levels.with"));
		Files.write(run, lines);

		Figures.ScenarioFigures refused = Figures.compute(Results.load(this.dir)).get(1);

		// Level full's breaker was sampled, so its OPEN is found.
		assertThat(refused.level("full").timeToOpenMs()).isEqualTo(600L);
	}

	/** The refused scenario of the small smoke run. */
	private Figures.ScenarioFigures refused() throws IOException {
		ResultsCheckTests.SmokeResults.write(this.dir);
		return Figures.compute(Results.load(this.dir)).get(1);
	}

	@Test
	void durabilityLeavesTheWarmUpOutAndComparesTheShippedSettingWithTheDefault() throws IOException {
		ResultsCheckTests.SmokeResults.write(this.dir);
		Figures.Durability durability = Figures.durability(Results.load(this.dir));
		assertThat(durability.settings()).extracting(Figures.WriteSetting::writeDelayMs).containsExactly(0, 500);
		Figures.WriteSetting synced = durability.settings().get(0);
		Figures.WriteSetting deferred = durability.settings().get(1);
		// Rounds 1 and 4: 40 and 30 writes in 1 s each; the warm-up's 10 slow writes are
		// not among them.
		assertThat(synced.rounds()).isEqualTo(2);
		assertThat(synced.writes()).isEqualTo(70);
		assertThat(synced.failed()).isZero();
		assertThat(synced.writesPerSecond()).isEqualTo(35.0);
		assertThat(synced.slowestRoundPerSecond()).isEqualTo(30.0);
		assertThat(synced.fastestRoundPerSecond()).isEqualTo(40.0);
		assertThat(synced.p50Us()).isEqualTo(5000L);
		assertThat(synced.p99Us()).isEqualTo(20_000L);
		assertThat(synced.maxUs()).isEqualTo(20_000L);
		assertThat(deferred.writesPerSecond()).isEqualTo(50.0);
		assertThat(deferred.p50Us()).isEqualTo(4000L);
		assertThat(deferred.p99Us()).isEqualTo(8000L);
		assertThat(durability.throughputRatio()).isEqualTo(0.7);
		assertThat(durability.p50Ratio()).isEqualTo(1.25);
		assertThat(durability.p99Ratio()).isEqualTo(2.5);
		assertThat(durability.writers()).isEqualTo(4);
		assertThat(durability.roundSeconds()).isEqualTo(1.0);
		assertThat(durability.warmUpSeconds()).isEqualTo(1.0);
	}

	@Test
	void aWriteNotAnswered201CountsAsFailedNotInTheRateOrTheLatencies() throws IOException {
		ResultsCheckTests.SmokeResults.write(this.dir);
		Path writes = this.dir.resolve("durability.csv");
		List<String> lines = new ArrayList<>(Files.readAllLines(writes));
		int index = lines.indexOf("0,1,1," + (ResultsCheckTests.SmokeResults.T0 - 60_000 + 2000) + ",20000,201");
		lines.set(index, lines.get(index).replace(",201", ",0"));
		Files.write(writes, lines);
		Figures.WriteSetting synced = Figures.durability(Results.load(this.dir)).settings().get(0);
		assertThat(synced.writes()).isEqualTo(69);
		assertThat(synced.failed()).isEqualTo(1);
		assertThat(synced.writesPerSecond()).isEqualTo(34.5);
		assertThat(synced.maxUs()).isEqualTo(5000L);
	}

	@Test
	void durabilityOfARunWithoutItIsEmpty() throws IOException {
		ResultsCheckTests.SmokeResults.write(this.dir);
		Files.delete(this.dir.resolve("durability.csv"));
		Files.delete(this.dir.resolve("durability-rounds.csv"));
		Figures.Durability durability = Figures.durability(Results.load(this.dir));
		assertThat(durability.settings()).isEmpty();
		assertThat(durability.throughputRatio()).isNull();
	}

}
