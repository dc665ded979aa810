package dev.faultline.benchmarks.report;

import java.util.List;
import java.util.Properties;

import dev.faultline.benchmarks.Scenario;
import dev.faultline.benchmarks.ServiceSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Targets}: each target is measured from a run's figures and met or
 * missed against its bound, on small synthetic figures.
 */
class TargetsTests {

	private static final ServiceSettings RECORDED = ServiceSettings.of(properties("deadlineMs=2000",
			"breaker.waitInOpenMs=1000", "retryBudget.ratio=0.2", "retryBudget.capacity=10"));

	@Test
	void healthyP50WithinFivePercentOfNoneIsMet() {
		List<Targets.Result> results = evaluate(healthy(105, 100, 400, 400), hang(1900L));

		assertThat(result(results, Targets.Metric.HEALTHY_P50_RATIO).met()).isTrue();
		assertThat(result(results, Targets.Metric.HEALTHY_P50_RATIO).measured().text()).isEqualTo("1.05");
	}

	@Test
	void throughputUnderNinetyFivePercentOfNoneIsMissed() {
		List<Targets.Result> results = evaluate(healthy(10, 10, 370, 400), hang(1900L));

		assertThat(result(results, Targets.Metric.HEALTHY_THROUGHPUT_RATIO).met()).isFalse();
	}

	@Test
	void hangP99IsJudgedAgainstTheRecordedDeadline() {
		assertThat(result(evaluate(healthy(10, 10, 400, 400), hang(2040L)), Targets.Metric.HANG_P99_OVER_DEADLINE_MS)
			.met()).isTrue();
		assertThat(result(evaluate(healthy(10, 10, 400, 400), hang(2100L)), Targets.Metric.HANG_P99_OVER_DEADLINE_MS)
			.met()).isFalse();
	}

	@Test
	void aTargetTheRunCannotMeasureIsNeitherMetNorMissed() {
		List<Targets.Result> results = Targets.evaluate(Targets.all(ServiceSettings.NONE),
				List.of(healthy(10, 10, 400, 400).get(0), healthy(10, 10, 400, 400).get(1), hang(2500L)), List.of(),
				ServiceSettings.NONE);

		Targets.Result hangP99 = result(results, Targets.Metric.HANG_P99_OVER_DEADLINE_MS);
		assertThat(hangP99.met()).isNull();
		assertThat(hangP99.missed()).isFalse();
		assertThat(hangP99.measured().text()).isEqualTo("2.50 s (the run did not record the deadline)");
	}

	@Test
	void startupTargetsAppearOnlyForTheServicesTheRunStarted() {
		List<Figures.Startup> startup = List.of(new Figures.Startup("ui", 3, 9800L, 9.0, 300.0, 2.35, 1.2));

		List<Targets.Result> results = Targets.evaluate(Targets.all(RECORDED), List.of(), startup, RECORDED);

		assertThat(results).extracting((result) -> result.target().metric())
			.contains(Targets.Metric.UI_STARTUP_RATIO, Targets.Metric.UI_RSS_RATIO)
			.doesNotContain(Targets.Metric.BACKEND_STARTUP_RATIO);
		assertThat(result(results, Targets.Metric.UI_STARTUP_RATIO).met()).isFalse();
		assertThat(result(results, Targets.Metric.UI_RSS_RATIO).met()).isTrue();
	}

	@Test
	void labelsStateTheBoundWithItsUnit() {
		assertThat(Targets.all(RECORDED)).extracting(Targets.Target::label)
			.contains("healthy p50 (20 users/s each) ≤ 1.05 × none", "live again (worst) ≤ 2 s",
					"breaker OPEN after a hang, refusal, stop or kill ≤ 1.5 s");
	}

	@Test
	void reasonsNameTheRecordedOpenWait() {
		assertThat(Targets.all(RECORDED)).map(Targets.Target::why)
			.filteredOn((why) -> why != null && why.title().equals("Calls per request while open"))
			.singleElement()
			.satisfies((why) -> assertThat(why.text()).startsWith("One trial call after each open state (1 s):"));
	}

	private static List<Targets.Result> evaluate(List<Figures.ScenarioFigures> healthy, Figures.ScenarioFigures hang) {
		return Targets.evaluate(Targets.all(RECORDED), List.of(healthy.get(0), healthy.get(1), hang), List.of(),
				RECORDED);
	}

	private static Targets.Result result(List<Targets.Result> results, Targets.Metric metric) {
		return results.stream().filter((result) -> result.target().metric() == metric).findFirst().orElseThrow();
	}

	/** The fairness run (p50 of full and none) and the throughput run (requests/s). */
	private static List<Figures.ScenarioFigures> healthy(long fullP50, long noneP50, double fullRps, double noneRps) {
		Scenario fairness = new Scenario("healthy-fairness", "fairness", Scenario.Fault.NONE, null,
				Scenario.Load.FAIRNESS, 20, 0, 0);
		Scenario throughput = new Scenario("healthy-throughput", "throughput", Scenario.Fault.NONE, null,
				Scenario.Load.THROUGHPUT, 40, 0, 0);
		return List.of(new Figures.ScenarioFigures(fairness,
				List.of(level("none", noneP50, 0, null), level("full", fullP50, 0, null)), null, 0, 20_000, null, null),
				new Figures.ScenarioFigures(throughput,
						List.of(level("none", 10, noneRps, null), level("full", 10, fullRps, null)), null, 0, 40_000,
						null, null));
	}

	/** A hang whose fault window's p99 at level full is the given one. */
	private static Figures.ScenarioFigures hang(Long fullFaultP99) {
		Scenario hang = new Scenario("hang", "Hang", Scenario.Fault.CHAOS, "hang", Scenario.Load.STANDARD, 5, 30, 15);
		return new Figures.ScenarioFigures(hang,
				List.of(level("none", 30_000, 10, 30_000L), level("full", 20, 10, fullFaultP99)), null, 0, 50_000,
				5_000L, 35_000L);
	}

	private static Figures.Level level(String name, long p50, double perSecond, Long faultP99) {
		return new Figures.Level(name, 100, 1.0, 1.0, 0.0, 0.0, p50, p50, p50, 1.0, null, null, 1000L, 500L, 800L, 2L,
				3L, 100, perSecond, (faultP99 != null) ? 1.0 : null, faultP99);
	}

	private static Properties properties(String... lines) {
		Properties properties = new Properties();
		for (String line : lines) {
			String[] keyValue = line.split("=", 2);
			properties.setProperty(keyValue[0], keyValue[1]);
		}
		return properties;
	}

}
