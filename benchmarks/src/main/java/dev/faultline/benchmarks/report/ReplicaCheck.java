package dev.faultline.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.faultline.benchmarks.ReplicaScenario;
import dev.faultline.benchmarks.ServiceSettings;

/**
 * Checks that the replica scenarios' part of a results directory is complete and well
 * formed: every CSV with its header, feed reads of both levels in every scenario, a fault
 * start for each fault, rotation samples of every replica, the deadline the UI reported,
 * charts that parse, and the report's section with a table per scenario. Like
 * {@link ResultsCheck}, it never judges a timing.
 */
public final class ReplicaCheck {

	static final Map<String, String> HEADERS = Map.of(ReplicaResults.REQUESTS,
			"scenario,level,path,startEpochMs,latencyMs,httpStatus,source,reason,backendCalls,withinDeadline,replica",
			ReplicaResults.ROTATION, "epochMs,replica,rotation", ReplicaResults.BREAKERS, "epochMs,level,state",
			ReplicaResults.EVENTS, "scenario,event,epochMs");

	private final Path dir;

	public ReplicaCheck(Path dir) {
		this.dir = dir;
	}

	/** Every problem found; empty when the replica part is fine. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>(FileChecks.problems(this.dir, HEADERS,
				List.of(ReplicaResults.RUN, ReportWriter.REPORT, ReplicaReportWriter.SUMMARY)));
		if (!problems.isEmpty()) {
			return problems;
		}
		ReplicaResults results;
		try {
			results = ReplicaResults.load(this.dir);
		}
		catch (RuntimeException ex) {
			return List.of("the replica results cannot be read: " + ex);
		}
		if (results.scenarioNames().isEmpty()) {
			problems.add(ReplicaResults.RUN + " names no scenario");
		}
		if (results.deadlineMs() == null) {
			problems.add(ReplicaResults.RUN + " has no " + ServiceSettings.DEADLINE_MS);
		}
		if (results.replicas().size() != ReplicaScenario.REPLICAS) {
			problems.add(ReplicaResults.RUN + " names " + results.replicas().size() + " replicas, not "
					+ ReplicaScenario.REPLICAS);
		}
		String report = FileChecks.read(this.dir.resolve(ReportWriter.REPORT));
		if (!report.contains(ReplicaReport.START) || !report.contains(ReplicaReport.END)) {
			problems.add(ReportWriter.REPORT + " has no replica section between its markers");
		}
		for (String name : results.scenarioNames()) {
			Optional<ReplicaScenario> scenario = results.scenario(name);
			if (scenario.isEmpty()) {
				problems.add("unknown replica scenario " + name);
				continue;
			}
			for (String level : ReplicaScenario.LEVELS) {
				if (results.reads()
					.stream()
					.noneMatch((read) -> read.request().scenario().equals(name) && read.request().level().equals(level)
							&& read.request().feed())) {
					problems
						.add(ReplicaResults.REQUESTS + " has no feed read of scenario " + name + " at level " + level);
				}
			}
			if (scenario.get().hasFault() && results.event(name, "fault-start") == null) {
				problems.add(ReplicaResults.EVENTS + " has no fault-start of scenario " + name);
			}
			if (results.event(name, "load-start") == null) {
				problems.add(ReplicaResults.EVENTS + " has no load-start of scenario " + name);
			}
			List<String> charts = new ArrayList<>(List.of(name + "-latency.svg", name + "-outcomes.svg"));
			if (scenario.get().hasFault()) {
				charts.add(name + "-rotation.svg");
			}
			for (String chart : charts) {
				ResultsCheck.checkSvg(this.dir.resolve(ReportWriter.CHARTS).resolve(chart), problems);
			}
			if (!ResultsCheck.hasTable(report, "(`" + name + "`)")) {
				problems.add(ReportWriter.REPORT + " has no table for scenario " + name);
			}
		}
		for (String replica : results.replicas()) {
			if (results.rotation().stream().noneMatch((sample) -> sample.replica().equals(replica))) {
				problems.add(ReplicaResults.ROTATION + " has no sample of replica " + replica);
			}
		}
		return problems;
	}

}
