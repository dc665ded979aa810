package dev.faultline.benchmarks.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.faultline.benchmarks.Scenario;
import dev.faultline.benchmarks.ServiceSettings;

/**
 * Checks that a results directory is complete and well formed: every CSV has its header
 * and data for every scenario and level the run says it ran, every chart parses as XML,
 * the report has a table per scenario, and the durability measurement has rounds of both
 * settings, every write answered 201, and its table in the report. It never judges a
 * timing: a slow machine must not fail it.
 */
public final class ResultsCheck {

	static final Map<String, String> HEADERS = Map.of(Results.REQUESTS,
			"scenario,level,path,startEpochMs,latencyMs,httpStatus,source,reason,backendCalls,withinDeadline",
			Results.BREAKERS, "epochMs,level,state", Results.EVENTS, "scenario,event,epochMs", Results.BACKEND,
			"scenario,backendRequests", Results.STARTUP, "service,run,startupMs,springStartedSeconds,rssMb",
			Results.DURABILITY, "writeDelayMs,round,writer,startEpochMs,latencyUs,httpStatus",
			Results.DURABILITY_ROUNDS, "writeDelayMs,round,startEpochMs,endEpochMs,writes");

	/**
	 * H2's default {@code WRITE_DELAY}, against which the shipped setting is measured.
	 */
	static final int H2_DEFAULT_WRITE_DELAY_MS = 500;

	/** The heading of the report's durability section. */
	static final String DURABILITY_HEADING = "## Durability";

	private final Path dir;

	public ResultsCheck(Path dir) {
		this.dir = dir;
	}

	/** Every problem found; empty when the directory is fine. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>(FileChecks.problems(this.dir, HEADERS,
				List.of(Results.RUN, ReportWriter.REPORT, ReportWriter.SUMMARY)));
		if (!problems.isEmpty()) {
			return problems;
		}
		Results results;
		try {
			results = Results.load(this.dir);
		}
		catch (RuntimeException ex) {
			return List.of("the results cannot be read: " + ex);
		}
		if (results.scenarioNames().isEmpty() || results.scenarioNames().get(0).isEmpty()) {
			problems.add(Results.RUN + " names no scenario");
		}
		String report = FileChecks.read(this.dir.resolve(ReportWriter.REPORT));
		for (String name : results.scenarioNames()) {
			Optional<Scenario> scenario = results.scenario(name);
			if (scenario.isEmpty()) {
				problems.add("unknown scenario " + name);
				continue;
			}
			for (String level : scenario.get().levels(results.levels())) {
				if (results.requests()
					.stream()
					.noneMatch((r) -> r.scenario().equals(name) && r.level().equals(level) && r.feed())) {
					problems.add(Results.REQUESTS + " has no feed request of scenario " + name + " at level " + level);
				}
			}
			if (results.events().stream().noneMatch((event) -> event.scenario().equals(name))) {
				problems.add(Results.EVENTS + " has no event of scenario " + name);
			}
			if (scenario.get().hasFault() && results.event(name, "fault-start") == null) {
				problems.add(Results.EVENTS + " has no fault-start of scenario " + name);
			}
			if (!results.backendRequests().containsKey(name)) {
				problems.add(Results.BACKEND + " has no row for scenario " + name);
			}
			for (String chart : List.of(name + "-latency.svg", name + "-outcomes.svg")) {
				checkSvg(this.dir.resolve(ReportWriter.CHARTS).resolve(chart), problems);
			}
			if (!hasTable(report, "(`" + name + "`)")) {
				problems.add(ReportWriter.REPORT + " has no table for scenario " + name);
			}
		}
		Set<String> sampled = results.breakers().stream().map(Results.BreakerSample::level).collect(Collectors.toSet());
		ServiceSettings settings = ServiceSettings.of(results.run());
		if (settings.deadlineMs() == null) {
			problems.add(Results.RUN + " has no " + ServiceSettings.DEADLINE_MS);
		}
		List<String> withBreaker = (settings.levelsWithBreaker() != null) ? settings.levelsWithBreaker() : List.of();
		if (settings.levelsWithBreaker() == null) {
			problems.add(Results.RUN + " has no " + ServiceSettings.LEVELS_WITH_BREAKER);
		}
		results.levels()
			.stream()
			.filter(withBreaker::contains)
			.filter((level) -> !sampled.contains(level))
			.forEach((level) -> problems.add(Results.BREAKERS + " has no sample of level " + level));
		Set<String> started = results.startup().stream().map(Results.Startup::service).collect(Collectors.toSet());
		Stream.of("bare", "backend", "ui")
			.filter((service) -> !started.contains(service))
			.forEach((service) -> problems.add(Results.STARTUP + " has no row for " + service));
		checkDurability(results, report, problems);
		return problems;
	}

	/**
	 * The durability measurement is complete: measured rounds of both settings, each
	 * round's writes all in {@code durability.csv} and all answered 201, and the report's
	 * section with its table.
	 */
	private static void checkDurability(Results results, String report, List<String> problems) {
		List<Results.WriteRound> measured = results.writeRounds().stream().filter((round) -> !round.warmUp()).toList();
		if (measured.stream().noneMatch((round) -> round.writeDelayMs() == H2_DEFAULT_WRITE_DELAY_MS)) {
			problems.add(
					Results.DURABILITY_ROUNDS + " has no measured round with WRITE_DELAY=" + H2_DEFAULT_WRITE_DELAY_MS);
		}
		if (measured.stream().noneMatch((round) -> round.writeDelayMs() < H2_DEFAULT_WRITE_DELAY_MS)) {
			problems.add(Results.DURABILITY_ROUNDS + " has no measured round with the shipped WRITE_DELAY (below "
					+ H2_DEFAULT_WRITE_DELAY_MS + ")");
		}
		for (Results.WriteRound round : results.writeRounds()) {
			String which = "round " + round.round() + " (WRITE_DELAY=" + round.writeDelayMs() + ")";
			List<Results.Write> writes = results.writes()
				.stream()
				.filter((write) -> write.writeDelayMs() == round.writeDelayMs() && write.round() == round.round())
				.toList();
			if (writes.isEmpty()) {
				problems.add(Results.DURABILITY + " has no write of " + which);
			}
			else if (writes.size() != round.writes()) {
				problems.add(Results.DURABILITY + " has " + writes.size() + " writes of " + which + ", "
						+ Results.DURABILITY_ROUNDS + " says " + round.writes());
			}
			long notCreated = writes.stream().filter((write) -> !write.created()).count();
			if (notCreated > 0) {
				problems.add(Results.DURABILITY + " has writes of " + which + " not answered 201: " + notCreated);
			}
		}
		if (!hasTable(report, DURABILITY_HEADING, "| setting |")) {
			problems.add(ReportWriter.REPORT + " has no durability table");
		}
	}

	/**
	 * Whether a heading containing {@code marker} is followed by a table before the next
	 * heading.
	 */
	static boolean hasTable(String markdown, String marker) {
		return hasTable(markdown, marker, "| level |");
	}

	/**
	 * Whether a heading containing {@code marker} is followed by a table whose header
	 * starts with {@code tableStart} before the next heading.
	 */
	static boolean hasTable(String markdown, String marker, String tableStart) {
		boolean inSection = false;
		for (String line : markdown.split("\n")) {
			if (line.startsWith("#")) {
				inSection = line.contains(marker);
			}
			else if (inSection && line.startsWith(tableStart)) {
				return true;
			}
		}
		return false;
	}

	static void checkSvg(Path svg, List<String> problems) {
		if (!Files.isRegularFile(svg)) {
			problems.add(svg.getFileName() + " is missing");
			return;
		}
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			String root = factory.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getNodeName();
			if (!root.equals("svg")) {
				problems.add(svg.getFileName() + " is XML but not SVG (root " + root + ")");
			}
		}
		catch (Exception ex) {
			problems.add(svg.getFileName() + " is not well-formed XML: " + ex.getMessage());
		}
	}

}
