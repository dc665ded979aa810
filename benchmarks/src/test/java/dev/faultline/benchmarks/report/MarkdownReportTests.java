package dev.faultline.benchmarks.report;

import java.util.List;
import java.util.Properties;

import dev.faultline.benchmarks.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the layout of {@link MarkdownReport}, on a run that recorded nothing but its
 * scenarios, built here.
 */
class MarkdownReportTests {

	private static final Figures.Durability NOT_MEASURED = new Figures.Durability(List.of(), 0, 0, 0, null, null, null);

	private static final Scenario HANG = new Scenario("hang", "Hang", Scenario.Fault.CHAOS, "hang",
			Scenario.Load.STANDARD, 5, 30, 15);

	@Test
	void aScenarioGetsItsSectionWithItsDescriptionItsTableItsChartsAndItsSummary() {
		String md = render(hang(level("none"), level("full")));

		assertThat(md).contains("### Hang (`hang`)\n\n" + ScenarioProse.describe(HANG) + "\n\n| level | requests |")
			.contains("![Hang: latency over time](benchmarks/hang-latency.svg)")
			.contains("![Hang: answers by outcome](benchmarks/hang-outcomes.svg)\n\n"
					+ ScenarioProse.summary(hang(level("none"), level("full"))) + "\n\n");
	}

	@Test
	void theHeadlineLeavesOutAScenarioWithoutBothLevelFullAndLevelNone() {
		String md = render(hang(level("none"), level("basic")));

		assertThat(md).doesNotContain("| Hang |").contains("### Hang (`hang`)");
	}

	@Test
	void sectionsWithoutTheirMeasurementsAreLeftOut() {
		String md = render(hang(level("none"), level("full")));

		assertThat(md).doesNotContain("## Targets", "## Startup and memory", "## Durability", "(JMH)",
				"**Healthy backend, the price of protection.**");
		assertThat(md).contains("| settings read from the services | not recorded in this run |");
	}

	private static String render(Figures.ScenarioFigures scenario) {
		return new MarkdownReport(new Properties(), List.of(), List.of(), NOT_MEASURED).render(List.of(scenario));
	}

	private static Figures.ScenarioFigures hang(Figures.Level... levels) {
		return new Figures.ScenarioFigures(HANG, List.of(levels), null, 0, 50_000, 5_000L, 35_000L);
	}

	private static Figures.Level level(String name) {
		return new Figures.Level(name, 100, 0.9, 0.9, 0.0, 0.1, 10L, 300L, 400L, 1.0, null, null, 600L, 20L, 20L, 5L,
				40L, 100, 2.0, null, null);
	}

}
