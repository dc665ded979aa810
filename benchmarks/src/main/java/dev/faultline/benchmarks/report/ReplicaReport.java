package dev.faultline.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import dev.faultline.benchmarks.Levels;
import dev.faultline.benchmarks.ReplicaScenario;
import dev.faultline.benchmarks.Scenario;
import dev.faultline.benchmarks.run.ReplicaRunner;

/**
 * The report's section on backend replicas, as Markdown between two markers so that a run
 * of the replica scenarios alone can replace it in a published report: the set-up, the
 * targets of issue 21 against the run, and per scenario a table of both levels with three
 * charts and a few sentences derived from the numbers.
 */
final class ReplicaReport {

	/** The line that opens the section. */
	static final String START = "<!-- replicas:start -->";

	/** The line that closes the section. */
	static final String END = "<!-- replicas:end -->";

	/** The section's heading. */
	static final String HEADING = "## Backend replicas";

	/** Where the section goes in a report that has none yet: before this heading. */
	private static final String BEFORE = "## How to read this";

	/**
	 * Level full: at least this share of reads live within the deadline, one replica
	 * broken.
	 */
	static final double LIVE_TARGET = 0.999;

	/** Level full: p99 at most this many times the healthy p99, for {@link #HEDGED}. */
	static final double P99_TARGET = 2.0;

	/** The scenarios whose p99 the hedge is to keep down. */
	static final List<String> HEDGED = List.of(ReplicaScenario.PREFIX + "hang", ReplicaScenario.PREFIX + "stopped",
			ReplicaScenario.PREFIX + "latency");

	/** A broken replica out of rotation within this long of the fault. */
	static final long OUT_TARGET_MS = 1000;

	/** A healed replica back in rotation within this long. */
	static final long BACK_TARGET_MS = 2000;

	/** Level full, healthy: at most this many backend calls per read, hedges included. */
	static final double CALLS_TARGET = 1.1;

	/**
	 * Why a replica that does not answer leaves the rotation later than one that fails
	 * fast: written once here, shown only when the run missed that target.
	 */
	static final String SILENT_REPLICA = "**Out of rotation, for a replica that does not answer** (hanging, stopped, "
			+ "slow). Its attempts fail only when their read timeout (`faultline.backend.read-timeout`) ends, and a "
			+ "replica leaves the rotation after a run of failures (`faultline.replica-ejection.consecutive-failures`), "
			+ "so the last failure of that run comes a read timeout after the attempts were sent; a replica that "
			+ "refuses or answers 500 fails at once and leaves well within the target.";

	/**
	 * Why a replica that does not answer raises the p99: written once here, shown only
	 * when the run missed that target.
	 */
	static final String SLOW_FIRST_ATTEMPT = "**p99, for a replica that does not answer.** A read whose attempt went to it "
			+ "waited until that attempt failed at its read timeout and a retry went to another replica, or until a "
			+ "second attempt to another replica answered (a hedge, where the level hedges), whichever came first; "
			+ "until the replica is out of rotation, about a third of the reads start there. The latency chart shows "
			+ "those reads at the top of the fault window.";

	/** Why a healed replica may come back later than the target. */
	static final String TRIAL_WAIT = "**Back in rotation.** An ejected replica gets its trial call only after its "
			+ "breaker's open wait (`resilience4j.circuitbreaker.configs.replica.waitDurationInOpenState`), and a trial "
			+ "that fails sends it out for another whole wait: when the last trial failed just before the fault "
			+ "ended, the replica is back one wait later, plus the trial call and up to one 100 ms poll.";

	/** Why a killed replica may not be back in rotation within the run. */
	static final String LONG_RESTART = "**Back in rotation, after a kill.** The killed replica's restart (a backend "
			+ "start on a loaded machine) ended after the scenario's load, so there was no read left to take it back "
			+ "into rotation; the scenario's sentence gives the restart's time.";

	private final Properties run;

	ReplicaReport(Properties run) {
		this.run = run;
	}

	/** The section, markers included. */
	String render(List<ReplicaFigures.ScenarioFigures> figures) {
		StringBuilder md = new StringBuilder();
		md.append(START).append('\n');
		md.append(HEADING).append("\n\n");
		Long deadline = figures.isEmpty() ? null : figures.get(0).deadlineMs();
		md.append("Three backend replicas on one real PostgreSQL (Debian's server, started by `test-support`'s ")
			.append("`PostgresServer`; each replica through `FAULTLINE_DB_URL`), each with its own chaos API; the `none` and ")
			.append("`full` UIs with all three in `faultline.backend.replicas`, the standard load on each (10 feed reads/s and ")
			.append("2 `/about` probes/s). A one-replica fault hits the second replica (`")
			.append(this.run.getProperty(ReplicaRunner.BROKEN_REPLICA, "?"))
			.append("`) through its own chaos API or its process; the database scenario pauses PostgreSQL (`SIGSTOP` of ")
			.append("the server and its processes), the last one takes all three down. Timing: ")
			.append(timing())
			.append(". Run `")
			.append(this.run.getProperty("command", "scripts/benchmark --replicas"))
			.append("` at ")
			.append(this.run.getProperty("started", "?"))
			.append(" (")
			.append(this.run.getProperty("durationSeconds", "?"))
			.append(" s, ")
			.append(this.run.getProperty("machine.cores", "?"))
			.append(" cores); `scripts/benchmark --replicas` runs this part alone and replaces this section.\n\n");
		md.append("Columns: **reads** feed reads sent in the fault window (the whole load without a fault); **live ≤ ")
			.append(deadline(deadline))
			.append("** answered live (not from the cache) within the deadline, read from the full UI's own time limiter; ")
			.append("**cache / failed** the rest; **p50 / p99** of those reads, and **÷ healthy** the p99 divided by the ")
			.append("same level's p99 with three healthy replicas; **calls/read** backend calls per read before the fault / ")
			.append("in the window (hedges and retries included); **by broken** share of the window's reads answered live ")
			.append("by the broken replica; **out / back** fault start to the broken replica out of the full UI's rotation ")
			.append("(not \"in rotation\" in its `/actuator/health`, polled every 100 ms) and fault end to it back in ")
			.append("rotation (for the database and all-down: any replica out, all back); **breaker open** fault start to ")
			.append("the full level's breaker OPEN.\n\n");
		targets(md, figures);
		for (ReplicaFigures.ScenarioFigures scenario : figures) {
			scenario(md, scenario);
		}
		md.append(END).append('\n');
		return md.toString();
	}

	/** The section of a report, markers included, if it has one. */
	static Optional<String> section(String report) {
		int start = report.indexOf(START);
		int end = report.indexOf(END);
		if (start < 0 || end < start) {
			return Optional.empty();
		}
		return Optional.of(report.substring(start, end + END.length()) + "\n");
	}

	/**
	 * The section put into a report: in place of the one between the markers, or before
	 * "How to read this" when there is none, or at the end.
	 */
	static String splice(String report, String section) {
		int start = report.indexOf(START);
		int end = report.indexOf(END);
		if (start >= 0 && end > start) {
			return report.substring(0, start) + section + report.substring(end + END.length()).replaceFirst("^\n", "");
		}
		int before = report.indexOf(BEFORE);
		if (before >= 0) {
			return report.substring(0, before) + section + "\n" + report.substring(before);
		}
		boolean separated = report.isEmpty() || report.endsWith("\n\n");
		return report + (separated ? "" : "\n") + section;
	}

	/** The deadline as the run recorded it. */
	private static String deadline(Long deadlineMs) {
		return (deadlineMs != null) ? Format.ms(deadlineMs) : "the deadline";
	}

	private String timing() {
		ReplicaScenario.Timing timing = ReplicaScenario.Timing
			.parse(this.run.getProperty(ReplicaRunner.TIMING, ReplicaScenario.Timing.FULL.toString()));
		return String.format(Locale.ROOT,
				"%d s healthy, a %d s fault (a kill: until the restarted replica answers, the load lasting at least %d s after the kill), %d s of recovery; the healthy baseline %d s",
				timing.healthy(), timing.fault(), ReplicaScenario.KILL_WINDOW_SECONDS, timing.recovery(),
				timing.healthy() + timing.fault());
	}

	/** The targets of issue 21 at level full, one row per scenario. */
	private static void targets(StringBuilder md, List<ReplicaFigures.ScenarioFigures> figures) {
		List<ReplicaFigures.ScenarioFigures> single = figures.stream()
			.filter((scenario) -> scenario.scenario().target() == ReplicaScenario.Target.ONE_REPLICA)
			.toList();
		ReplicaFigures.ScenarioFigures healthy = figures.stream()
			.filter((scenario) -> scenario.scenario().name().equals(ReplicaFigures.HEALTHY))
			.findFirst()
			.orElse(null);
		if (single.isEmpty() && healthy == null) {
			return;
		}
		md.append("### Targets\n\n");
		md.append("At level `full` with one of three replicas broken, at the standard load (issue 21); \"–\" where a ")
			.append("target does not apply.\n\n");
		md.append(String.format(Locale.ROOT,
				"| scenario | live within the deadline ≥ %s | p99 ≤ %.0f × healthy p99 | out of rotation ≤ %s | back in rotation ≤ %s |%n",
				Format.pct(LIVE_TARGET), P99_TARGET, Format.ms(OUT_TARGET_MS), Format.ms(BACK_TARGET_MS)));
		md.append("|---|---|---|---|---|\n");
		int met = 0;
		int all = 0;
		List<String> missed = new ArrayList<>();
		Set<String> reasons = new LinkedHashSet<>();
		for (ReplicaFigures.ScenarioFigures scenario : single) {
			ReplicaFigures.Level full = scenario.level(Levels.FULL);
			String name = scenario.scenario().name();
			Verdict live = new Verdict(pct(full.liveWithinDeadline()), full.liveWithinDeadline() >= LIVE_TARGET);
			String ratio = (full.p99OverHealthy() != null) ? Format.decimal(full.p99OverHealthy())
					: "no healthy baseline in this run";
			Verdict p99 = HEDGED.contains(name) ? new Verdict(ratio + " (" + Format.ms(full.p99()) + ")",
					full.p99OverHealthy() != null && full.p99OverHealthy() <= P99_TARGET) : null;
			Verdict out = new Verdict((full.outOfRotationMs() != null) ? Format.ms(full.outOfRotationMs()) : "never",
					full.outOfRotationMs() != null && full.outOfRotationMs() <= OUT_TARGET_MS);
			Verdict back = new Verdict(
					(full.backInRotationMs() != null) ? Format.ms(full.backInRotationMs())
							: "not before the load ended",
					full.backInRotationMs() != null && full.backInRotationMs() <= BACK_TARGET_MS);
			if (p99 != null && !p99.met() && full.p99OverHealthy() != null) {
				reasons.add(SLOW_FIRST_ATTEMPT);
			}
			if (!out.met() && HEDGED.contains(name) && full.outOfRotationMs() != null) {
				reasons.add(SILENT_REPLICA);
			}
			if (!back.met() && scenario.faultEnd() != null && scenario.faultEnd() > scenario.loadEnd()) {
				reasons.add(LONG_RESTART);
			}
			else if (!back.met() && full.backInRotationMs() != null) {
				reasons.add(TRIAL_WAIT);
			}
			md.append("| ").append(scenario.scenario().title());
			for (Verdict verdict : new Verdict[] { live, p99, out, back }) {
				md.append(" | ").append((verdict != null) ? verdict.cell() : "–");
				if (verdict != null) {
					all++;
					met += verdict.met() ? 1 : 0;
					if (!verdict.met()) {
						missed.add(scenario.scenario().title());
					}
				}
			}
			md.append(" |\n");
		}
		if (healthy != null) {
			ReplicaFigures.Level full = healthy.level(Levels.FULL);
			Verdict calls = new Verdict(Format.decimal(full.callsFaulted()) + " backend calls per read",
					full.callsFaulted() != null && full.callsFaulted() <= CALLS_TARGET);
			all++;
			met += calls.met() ? 1 : 0;
			md.append(String.format(Locale.ROOT, "| %s: ≤ %.1f calls per read, hedges included | %s | – | – | – |%n",
					healthy.scenario().title(), CALLS_TARGET, calls.cell()));
		}
		md.append('\n').append(String.format(Locale.ROOT, "%d of %d targets met in this run", met, all));
		md.append(missed.isEmpty() ? ".\n\n" : "; missed in: " + String.join(", ", missed.stream().distinct().toList())
				+ " (the scenario's table and charts below show where the time went).\n\n");
		if (!reasons.isEmpty()) {
			md.append("Where a target is missed, why:\n\n");
			reasons.forEach((reason) -> md.append("- ").append(reason).append('\n'));
			md.append('\n');
		}
	}

	private static void scenario(StringBuilder md, ReplicaFigures.ScenarioFigures figures) {
		ReplicaScenario scenario = figures.scenario();
		String name = scenario.name();
		md.append("### ").append(scenario.title()).append(" (`").append(name).append("`)\n\n");
		md.append(describe(scenario)).append("\n\n");
		md.append("| level | reads | live ≤ ")
			.append(deadline(figures.deadlineMs()))
			.append(" | cache | failed | p50 | p99 | p99 ÷ healthy | calls/read before / in window | by broken | out / back | breaker open |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (ReplicaFigures.Level level : figures.levels()) {
			md.append(Format.row(level.level(), level.reads(), pct(level.liveWithinDeadline()),
					Format.pct(level.cache()), Format.pct(level.failed()), Format.ms(level.p50()),
					Format.ms(level.p99()), Format.decimal(level.p99OverHealthy()),
					Format.decimal(level.callsHealthy()) + " / " + Format.decimal(level.callsFaulted()),
					(level.fromBroken() != null) ? Format.pct(level.fromBroken()) : "–",
					level.level().equals(Levels.FULL)
							? Format.ms(level.outOfRotationMs()) + " / " + Format.ms(level.backInRotationMs()) : "–",
					Format.ms(level.breakerOpenMs())));
		}
		md.append('\n');
		md.append(image(scenario.title() + ": latency over time", name + "-latency.svg"));
		md.append(image(scenario.title() + ": answers by outcome", name + "-outcomes.svg"));
		if (scenario.hasFault()) {
			md.append(image(scenario.title() + ": rotation at level full", name + "-rotation.svg"));
		}
		md.append(prose(figures)).append("\n\n");
	}

	private static String describe(ReplicaScenario replica) {
		Scenario scenario = replica.scenario();
		String what = switch (replica.target()) {
			case NONE -> "No fault: " + scenario.totalSeconds() + " s of the standard load on both UIs.";
			case ONE_REPLICA -> switch (scenario.fault()) {
				case KILL ->
					"`kill -9` of the second replica, restarted at once on the same ports; the window ends with "
							+ "its first 200 on a direct `GET /api/messages`.";
				case SIGSTOP ->
					"`kill -STOP` of the second replica for " + scenario.faultSeconds() + " s, then `kill -CONT`.";
				default -> "`PUT /chaos/" + scenario.chaos() + "` on the second replica's management port for "
						+ scenario.faultSeconds() + " s.";
			};
			case ALL_REPLICAS -> "`PUT /chaos/" + scenario.chaos() + "` on every replica for " + scenario.faultSeconds()
					+ " s: today's behaviour without a replica to stand in (the breaker and the cache; the outbox "
					+ "is for posts, and this load only reads).";
			case DATABASE -> "PostgreSQL paused (`SIGSTOP` of the server and its processes) for "
					+ scenario.faultSeconds() + " s: every replica is alive, none can answer a read from the database.";
		};
		if (replica.target() == ReplicaScenario.Target.NONE) {
			return what;
		}
		return what + " " + scenario.healthySeconds() + " s healthy before, " + scenario.recoverySeconds()
				+ " s of recovery after.";
	}

	private static String prose(ReplicaFigures.ScenarioFigures figures) {
		ReplicaFigures.Level full = figures.level(Levels.FULL);
		ReplicaFigures.Level none = figures.level(Levels.NONE);
		List<String> sentences = new ArrayList<>();
		if (full == null || none == null) {
			return "";
		}
		sentences.add(String.format(Locale.ROOT,
				"%s level full answered %s of its reads live within the deadline, level none %s.",
				figures.scenario().hasFault() ? "In the fault window" : "With three healthy replicas",
				pct(full.liveWithinDeadline()), pct(none.liveWithinDeadline())));
		sentences.add(String.format(Locale.ROOT, "p99: %s at full, %s at none.", Format.ms(full.p99()),
				Format.ms(none.p99())));
		if (full.fromBroken() != null && none.fromBroken() != null) {
			sentences.add(String.format(Locale.ROOT,
					"The broken replica still answered %s of full's reads live and %s of none's.",
					Format.pct(full.fromBroken()), Format.pct(none.fromBroken())));
		}
		if (figures.scenario().scenario().fault() == Scenario.Fault.KILL && figures.faultStart() != null
				&& figures.faultEnd() != null) {
			sentences.add("The killed replica answered a direct read again "
					+ Format.ms(figures.faultEnd() - figures.faultStart()) + " after the kill"
					+ ((figures.faultEnd() > figures.loadEnd()) ? ", after the load had ended." : "."));
		}
		if (full.outOfRotationMs() != null) {
			sentences.add("The full UI took it out of rotation " + Format.ms(full.outOfRotationMs())
					+ " after the fault started"
					+ ((full.backInRotationMs() != null)
							? " and back " + Format.ms(full.backInRotationMs()) + " after it ended."
							: "; it was not back in rotation before the load ended."));
		}
		else if (figures.scenario().hasFault()) {
			sentences.add("The full UI never took a replica out of rotation in this scenario.");
		}
		if (full.breakerOpenMs() != null) {
			sentences
				.add("Level full's breaker opened " + Format.ms(full.breakerOpenMs()) + " after the fault started.");
		}
		return String.join(" ", sentences);
	}

	/** A share with two decimals where the target needs them. */
	private static String pct(double share) {
		return String.format(Locale.ROOT, "%.2f%%", share * 100);
	}

	private static String image(String alt, String file) {
		return "![" + alt + "](" + ReportWriter.CHARTS + "/" + file + ")\n\n";
	}

	/**
	 * One cell of the targets table.
	 *
	 * @param measured what the run measured
	 * @param met whether it meets the target
	 */
	private record Verdict(String measured, boolean met) {

		String cell() {
			return this.measured + (this.met ? " ✓" : " **missed**");
		}

	}

}
