package dev.faultline.benchmarks.report;

import java.util.List;

import dev.faultline.benchmarks.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScenarioProse}, on small scenarios built here.
 */
class ScenarioProseTests {

	private static final Scenario HANG = new Scenario("hang", "Hang", Scenario.Fault.CHAOS, "hang",
			Scenario.Load.STANDARD, 5, 30, 15);

	@Test
	void aChaosScenarioIsDescribedByItsCallAndItsThreePhases() {
		assertThat(ScenarioProse.describe(HANG))
			.isEqualTo("Chaos API `PUT /chaos/hang`: 5 s healthy, 30 s fault, 15 s recovery (fault cleared).");
	}

	@Test
	void theThroughputScenarioIsDescribedByItsRoundsInAnOrderThatFavoursNeitherLevel() {
		Scenario throughput = new Scenario("healthy-throughput", "throughput", Scenario.Fault.NONE, null,
				Scenario.Load.THROUGHPUT, 80, 0, 0);

		assertThat(ScenarioProse.describe(throughput))
			.contains("in 8 rounds of 10 s in the order full, none, none, full");
	}

	@Test
	void theSummaryComparesLevelFullWithLevelNone() {
		String summary = ScenarioProse.summary(hang(level("none", 0.5, null, 3_000L), level("full", 1.0, 600L, 20L)));

		assertThat(summary).startsWith(
				"At level full 100.0% of answers came with data within the deadline (100.0% live, 0.0% from the cache); "
						+ "level none answered 50.0% within it. p99 latency: 30.00 s at full, 30.00 s at none.");
	}

	@Test
	void theSummaryNamesEveryLevelTiedForTheMostAnswersWithinTheDeadline() {
		String summary = ScenarioProse.summary(hang(level("none", 0.5, null, null), level("basic", 0.9991, null, null),
				level("full", 0.9994, null, null)));

		// 99.91% and 99.94% both print as 99.9%: a tie as the reader sees it.
		assertThat(summary).contains("The most answers within the deadline (99.9%) came from levels basic, full.");
	}

	@Test
	void theSummaryListsOnlyTheLevelsWhoseBreakerOpened() {
		String summary = ScenarioProse.summary(hang(level("none", 0.5, null, null), level("full", 1.0, 600L, null)));

		assertThat(summary).contains("The breakers opened this long after the fault started: full 600 ms.");
	}

	@Test
	void theSummaryTellsHowSoonEachLevelAnsweredLiveAgain() {
		String summary = ScenarioProse.summary(hang(level("none", 0.5, null, 3_000L), level("full", 1.0, null, 20L)));

		assertThat(summary).contains(
				"Once the backend was healthy again, level full answered live after 20 ms, level none after 3.00 s.");
	}

	@Test
	void theCascadeIsReportedOnlyForAScenarioWithAFault() {
		Figures.ScenarioFigures healthy = new Figures.ScenarioFigures(
				new Scenario("healthy", "Healthy", Scenario.Fault.NONE, null, Scenario.Load.STANDARD, 15, 0, 0),
				List.of(level("none", 1.0, null, null), level("full", 1.0, null, null)), null, 0, 15_000, null, null);

		assertThat(ScenarioProse.summary(hang(level("none", 0.5, null, null), level("full", 1.0, null, null))))
			.contains(
					"During the fault the static /about page took 40 ms (p99) on the none UI and 40 ms on the full UI.");
		assertThat(ScenarioProse.summary(healthy)).doesNotContain("/about");
	}

	private static Figures.ScenarioFigures hang(Figures.Level... levels) {
		return new Figures.ScenarioFigures(HANG, List.of(levels), null, 0, 50_000, 5_000L, 35_000L);
	}

	/** A level whose p99 is 30 s and /about p99 40 ms, with the given outcome. */
	private static Figures.Level level(String name, double withinDeadline, Long timeToOpenMs, Long liveAgainMs) {
		return new Figures.Level(name, 100, withinDeadline, withinDeadline, 0.0, 1 - withinDeadline, 10L, 30_000L,
				30_000L, 1.0, null, null, timeToOpenMs, liveAgainMs, liveAgainMs, 5L, 40L, 100, 2.0, null, null);
	}

}
