package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.faultline.benchmarks.Levels;
import dev.faultline.benchmarks.ReplicaScenario;

/**
 * Writes the replica scenarios' part of a results directory's report: their charts, the
 * report's section (inside the suite's report, or as a report of its own when the replica
 * scenarios ran alone) and {@code replica-summary.json}; {@link #publish(Path)} puts the
 * section into {@code docs/benchmarks.md} in place of the one there.
 */
public final class ReplicaReportWriter {

	static final String SUMMARY = "replica-summary.json";

	private final Path dir;

	private final ReplicaResults results;

	/** Reads the replica scenarios' raw data of a results directory. */
	public ReplicaReportWriter(Path dir) {
		this.dir = dir;
		this.results = ReplicaResults.load(dir);
	}

	/** Whether the directory holds a run of the replica scenarios. */
	public static boolean present(Path dir) {
		return ReplicaResults.present(dir);
	}

	/**
	 * Whether the run is one to publish: every scenario, with the published timing (not
	 * the smoke run's, nor a shortened one).
	 */
	public boolean isPublishable() {
		List<String> every = ReplicaScenario.all(ReplicaScenario.Timing.FULL)
			.stream()
			.map(ReplicaScenario::name)
			.toList();
		return this.results.timing().equals(ReplicaScenario.Timing.FULL) && this.results.scenarioNames().equals(every);
	}

	/**
	 * Writes the charts and the summary, and returns the report's section (markers
	 * included).
	 */
	String writeSection() throws IOException {
		List<ReplicaFigures.ScenarioFigures> figures = ReplicaFigures.compute(this.results);
		Path charts = Files.createDirectories(this.dir.resolve(ReportWriter.CHARTS));
		for (ReplicaFigures.ScenarioFigures scenario : figures) {
			String name = scenario.scenario().name();
			String title = scenario.scenario().title();
			List<Results.Request> feed = this.results.reads()
				.stream()
				.map(ReplicaResults.Read::request)
				.filter((request) -> request.scenario().equals(name) && request.feed())
				.toList();
			Files.writeString(charts.resolve(name + "-latency.svg"),
					Charts.latencyOverTime(title + ": feed latency over time", feed, ReplicaScenario.LEVELS,
							scenario.loadStart(), scenario.loadEnd(), scenario.faultStart(), scenario.faultEnd(),
							scenario.deadlineMs()));
			Files.writeString(charts.resolve(name + "-outcomes.svg"), Charts.outcomeBars(
					title + ": reads by outcome" + (scenario.scenario().hasFault() ? " in the fault window" : ""),
					scenario.levels()
						.stream()
						.map((level) -> new Charts.OutcomeBar(level.level(), level.live(), level.cache(),
								level.failed()))
						.toList()));
			if (scenario.scenario().hasFault()) {
				Files.writeString(charts.resolve(name + "-rotation.svg"),
						Charts.rotation(title + ": rotation at level " + Levels.FULL, lanes(scenario),
								scenario.loadStart(), scenario.loadEnd(), scenario.faultStart(), scenario.faultEnd()));
			}
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("run", new TreeMap<>(this.results.run()));
		summary.put("scenarios", figures);
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.writeValue(this.dir.resolve(SUMMARY).toFile(), summary);
		return new ReplicaReport(this.results.run()).render(figures);
	}

	/**
	 * Writes the charts and {@code report.md} for a directory of the replica scenarios
	 * alone.
	 */
	public void writeAlone() throws IOException {
		String section = writeSection();
		Files.writeString(this.dir.resolve(ReportWriter.REPORT),
				"# Faultline benchmarks: backend replicas\n\n"
						+ "The replica scenarios alone (`scripts/benchmark --replicas`); "
						+ "the full suite's report is `docs/benchmarks.md`, where `--replicas` puts this section.\n\n"
						+ section);
		System.out.println("== benchmark: report written to " + this.dir.resolve(ReportWriter.REPORT));
	}

	/**
	 * Puts the section into {@code docs/benchmarks.md} in place of the one there and
	 * copies its charts to {@code docs/benchmarks/}.
	 */
	public void publish(Path docs) throws IOException {
		Path charts = Files.createDirectories(docs.resolve(ReportWriter.CHARTS));
		try (Stream<Path> svgs = Files.list(this.dir.resolve(ReportWriter.CHARTS))) {
			for (Path svg : svgs.filter((file) -> file.getFileName().toString().startsWith(ReplicaScenario.PREFIX))
				.toList()) {
				Files.copy(svg, charts.resolve(svg.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		String section = ReplicaReport.section(Files.readString(this.dir.resolve(ReportWriter.REPORT)))
			.orElseThrow(
					() -> new IllegalStateException(this.dir.resolve(ReportWriter.REPORT) + " has no replica section"));
		Path published = docs.resolve("benchmarks.md");
		String before = Files.isRegularFile(published) ? Files.readString(published) : "";
		Files.writeString(published, ReplicaReport.splice(before, section));
		System.out.println("== benchmark: replica section published to " + published);
	}

	/** Each replica's rotation samples within the scenario's load, by replica. */
	private Map<String, List<ReplicaResults.RotationSample>> lanes(ReplicaFigures.ScenarioFigures scenario) {
		Map<String, List<ReplicaResults.RotationSample>> lanes = new LinkedHashMap<>();
		List<String> replicas = this.results.replicas();
		for (int i = 0; i < replicas.size(); i++) {
			String replica = replicas.get(i);
			boolean broken = replica.equals(this.results.brokenReplica())
					&& scenario.scenario().target() == ReplicaScenario.Target.ONE_REPLICA;
			String label = "backend-" + (i + 1) + (broken ? " (broken)" : "");
			lanes.put(label,
					this.results.rotation()
						.stream()
						.filter((sample) -> sample.replica().equals(replica) && sample.epochMs() >= scenario.loadStart()
								&& sample.epochMs() <= scenario.loadEnd())
						.toList());
		}
		return lanes;
	}

}
