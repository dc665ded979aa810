package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.faultline.benchmarks.Levels;
import dev.faultline.benchmarks.Scenario;
import dev.faultline.benchmarks.ServiceSettings;

/**
 * Writes the report of a results directory: {@code report.md}, its charts in
 * {@code benchmarks/*.svg} and {@code summary.json}, all into that directory, with the
 * replica scenarios' section ({@link ReplicaReportWriter}) when they ran too;
 * {@link #publish(Path)} copies the report and charts to {@code docs/} for a full run,
 * keeping the published replica section when the run has none.
 */
public final class ReportWriter {

	static final String REPORT = "report.md";

	static final String CHARTS = "benchmarks";

	static final String SUMMARY = "summary.json";

	private final Path dir;

	private final Results results;

	/** Reads the results directory. */
	public ReportWriter(Path dir) {
		this.dir = dir;
		this.results = Results.load(dir);
	}

	/** Whether the results are of a full run (not {@code --smoke}). */
	public boolean isFullRun() {
		return "full".equals(this.results.run().getProperty("mode"));
	}

	/** Writes the report, the charts and the summary into the results directory. */
	public void write() throws IOException {
		List<Figures.ScenarioFigures> figures = Figures.compute(this.results);
		Path charts = Files.createDirectories(this.dir.resolve(CHARTS));
		for (Figures.ScenarioFigures scenario : figures) {
			String name = scenario.scenario().name();
			List<Results.Request> feed = this.results.requests()
				.stream()
				.filter((request) -> request.scenario().equals(name) && request.feed())
				.toList();
			Files.writeString(charts.resolve(name + "-latency.svg"),
					Charts.latencyOverTime(scenario.scenario().title() + ": feed latency over time", feed,
							scenario.levels().stream().map(Figures.Level::level).toList(), scenario.loadStart(),
							scenario.loadEnd(), scenario.faultStart(), scenario.faultEnd(),
							ServiceSettings.of(this.results.run()).deadlineMs()));
			Files.writeString(charts.resolve(name + "-outcomes.svg"),
					Charts.outcomes(scenario.scenario().title() + ": answers by outcome", scenario.levels()));
		}
		List<Figures.Startup> startup = Figures.startup(this.results);
		Figures.Durability durability = Figures.durability(this.results);
		String report = new MarkdownReport(this.results.run(), startup, Micro.load(this.dir), durability)
			.render(figures);
		if (ReplicaReportWriter.present(this.dir)) {
			report = ReplicaReport.splice(report, new ReplicaReportWriter(this.dir).writeSection());
		}
		Files.writeString(this.dir.resolve(REPORT), report);
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("run", new TreeMap<>(this.results.run()));
		summary.put("headline", headline(figures));
		summary.put("scenarios", figures);
		summary.put("startup", startup);
		summary.put("durability", durability);
		summary.put("micro", Micro.load(this.dir));
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.writeValue(this.dir.resolve(SUMMARY).toFile(), summary);
		System.out.println("== benchmark: report written to " + this.dir.resolve(REPORT));
	}

	/**
	 * Copies the report to {@code docs/benchmarks.md} and its charts to
	 * {@code docs/benchmarks/}.
	 */
	public void publish(Path docs) throws IOException {
		Path charts = Files.createDirectories(docs.resolve(CHARTS));
		try (Stream<Path> svgs = Files.list(this.dir.resolve(CHARTS))) {
			for (Path svg : svgs.toList()) {
				Files.copy(svg, charts.resolve(svg.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		Path published = docs.resolve("benchmarks.md");
		String report = Files.readString(this.dir.resolve(REPORT));
		// A run without the replica scenarios (no PostgreSQL, or they failed) keeps the
		// published ones: the page stays complete.
		if (ReplicaReport.section(report).isEmpty() && Files.isRegularFile(published)) {
			Optional<String> kept = ReplicaReport.section(Files.readString(published));
			if (kept.isPresent()) {
				report = ReplicaReport.splice(report, kept.get());
			}
		}
		Files.writeString(published, report);
		System.out.println("== benchmark: report published to " + docs.resolve("benchmarks.md"));
	}

	/**
	 * The ratios to level none, for summary.json: full's in front, every protected
	 * level's beside them.
	 */
	private Map<String, Object> headline(List<Figures.ScenarioFigures> figures) {
		Map<String, Object> headline = new LinkedHashMap<>();
		for (Figures.ScenarioFigures scenario : figures) {
			Figures.Level full = scenario.level(Levels.FULL);
			Figures.Level none = scenario.level(Levels.NONE);
			if (full == null || none == null) {
				continue;
			}
			Map<String, Object> ratios = new LinkedHashMap<>();
			Map<String, Object> byLevel = new LinkedHashMap<>();
			scenario.levels().stream().filter((level) -> level != none).forEach((level) -> {
				Map<String, Object> versus = new LinkedHashMap<>();
				versus.put("p50", Format.ratioValue(level.p50(), none.p50()));
				versus.put("p99", Format.ratioValue(level.p99(), none.p99()));
				versus.put("withinDeadline",
						(none.withinDeadline() > 0) ? level.withinDeadline() / none.withinDeadline() : null);
				byLevel.put(level.level(), versus);
			});
			ratios.put("overNoneByLevel", byLevel);
			ratios.put("p50FullOverNone", Format.ratioValue(full.p50(), none.p50()));
			ratios.put("p99FullOverNone", Format.ratioValue(full.p99(), none.p99()));
			ratios.put("withinDeadlineFull", full.withinDeadline());
			ratios.put("withinDeadlineNone", none.withinDeadline());
			ratios.put("withinDeadlineFullOverNone",
					(none.withinDeadline() > 0) ? full.withinDeadline() / none.withinDeadline() : null);
			if (scenario.scenario().load() == Scenario.Load.THROUGHPUT) {
				ratios.put("throughputFullOverNone",
						(none.perSecond() > 0) ? full.perSecond() / none.perSecond() : null);
			}
			headline.put(scenario.scenario().name(), ratios);
		}
		return headline;
	}

}
