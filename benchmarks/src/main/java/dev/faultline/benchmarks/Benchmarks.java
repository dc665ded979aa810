package dev.faultline.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.faultline.benchmarks.report.ReplicaCheck;
import dev.faultline.benchmarks.report.ReplicaReportWriter;
import dev.faultline.benchmarks.report.ReportWriter;
import dev.faultline.benchmarks.report.ResultsCheck;
import dev.faultline.benchmarks.run.ReplicaRunner;
import dev.faultline.benchmarks.run.SuiteRunner;

/**
 * The benchmark suite's entry point, run by {@code scripts/benchmark}: runs the suite
 * (full or {@code --smoke}, each followed by its replica scenarios where PostgreSQL is
 * installed), or the replica scenarios alone ({@code --replicas}), and writes the report,
 * or only regenerates a report ({@code --report-only DIR}), or only checks a results
 * directory ({@code --check DIR}). Exits non-zero when the run or the check fails.
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		Options options;
		try {
			options = Options.parse(List.of(args));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(Options.USAGE);
			System.exit(2);
			return;
		}
		System.exit(run(options));
	}

	private static int run(Options options) throws Exception {
		Path root = Paths.get(System.getProperty("faultline.root", ".")).toAbsolutePath().normalize();
		if (options.check() != null) {
			return check(options.check());
		}
		Path results = options.reportOnly();
		boolean replicasRan = true;
		if (results == null) {
			results = (options.out() != null) ? options.out() : root.resolve("benchmarks/target/results")
				.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
			if (!options.replicas()) {
				new SuiteRunner(root, results, options.smoke(), options.scenarios()).run(options.command());
				if (options.micro() != null && Files.isRegularFile(options.micro())) {
					Files.copy(options.micro(), results.resolve("micro.json"), StandardCopyOption.REPLACE_EXISTING);
				}
			}
			replicasRan = runReplicaScenarios(root, results, options);
			if (!replicasRan && options.replicas()) {
				return 1;
			}
		}
		Path defaultPlace = root.resolve("benchmarks/target/results");
		boolean inDefaultPlace = (options.reportOnly() != null)
				? options.reportOnly().toAbsolutePath().normalize().startsWith(defaultPlace) : options.out() == null;
		if (Files.isRegularFile(results.resolve("run.properties"))) {
			ReportWriter report = new ReportWriter(results);
			report.write();
			// Only a full run into the default place becomes the project's published
			// report; regenerating that run's report (after a change of its prose)
			// publishes it again.
			if (report.isFullRun() && inDefaultPlace && options.scenarios().isEmpty()) {
				report.publish(root.resolve("docs"));
			}
		}
		else if (ReplicaReportWriter.present(results)) {
			// The replica scenarios alone: their section replaces the published one.
			ReplicaReportWriter report = new ReplicaReportWriter(results);
			report.writeAlone();
			if (report.isPublishable() && inDefaultPlace) {
				report.publish(root.resolve("docs"));
			}
		}
		// Every run ends with the check (CI relies on it for --smoke); it never judges a
		// timing.
		int checked = check(results);
		return replicasRan ? checked : 1;
	}

	/**
	 * Runs the replica scenarios the options ask for where PostgreSQL is installed, and
	 * says why not where it is not; returns whether they ran (or were rightly skipped).
	 * After the suite's scenarios a failure is reported and returned, so that their
	 * report is still written; alone ({@code --replicas}) it is thrown.
	 */
	private static boolean runReplicaScenarios(Path root, Path results, Options options) throws Exception {
		List<ReplicaScenario> scenarios = options.replicaScenarios();
		if (scenarios.isEmpty()) {
			return true;
		}
		Optional<String> unavailable = ReplicaRunner.unavailable();
		if (unavailable.isPresent()) {
			if (options.replicas()) {
				System.err.println("== benchmark: the replica scenarios cannot run here: " + unavailable.get());
				return false;
			}
			System.out.println("== benchmark: replica scenarios skipped: " + unavailable.get());
			return true;
		}
		// As before the suite's scenarios: fresh JVMs are slow for their first thousand
		// requests.
		int warmUpSeconds = options.smoke() ? 5 : 15;
		ReplicaRunner runner = new ReplicaRunner(root, results, scenarios, options.replicaTiming(), warmUpSeconds);
		if (options.replicas()) {
			runner.run(options.command());
			return true;
		}
		try {
			runner.run(options.command());
			return true;
		}
		catch (Exception ex) {
			System.err.println(
					"== benchmark: the replica scenarios FAILED, the suite's report is written without them: " + ex);
			return false;
		}
	}

	private static int check(Path results) throws Exception {
		if (!Files.isDirectory(results)) {
			System.err.println("No results directory " + results);
			return 1;
		}
		List<String> problems = new ArrayList<>();
		boolean replicas = ReplicaReportWriter.present(results);
		if (Files.isRegularFile(results.resolve("run.properties")) || !replicas) {
			problems.addAll(new ResultsCheck(results).problems());
		}
		if (replicas) {
			problems.addAll(new ReplicaCheck(results).problems());
		}
		if (problems.isEmpty()) {
			System.out.println("== benchmark: check passed for " + results);
			return 0;
		}
		System.err.println("== benchmark: check FAILED for " + results + ":");
		problems.forEach((problem) -> System.err.println("  - " + problem));
		return 1;
	}

	/**
	 * The command line.
	 *
	 * @param smoke the short run
	 * @param out the results directory, or {@code null} for the default
	 * @param reportOnly a results directory to report on without running, or {@code null}
	 * @param check a results directory to check, or {@code null}
	 * @param scenarios only these scenarios of the full suite (for trying one out), or
	 * empty for all
	 * @param command the command as typed, for the report
	 * @param micro the JMH result of {@code scripts/microbenchmark} to include in the
	 * report, or {@code null}
	 * @param replicas only the replica scenarios
	 * @param replicaTiming the replica scenarios' seconds healthy, fault and recovery
	 */
	record Options(boolean smoke, Path out, Path reportOnly, Path check, List<String> scenarios, String command,
			Path micro, boolean replicas, ReplicaScenario.Timing replicaTiming) {

		static final String USAGE = "usage: scripts/benchmark [--smoke | --scenarios NAME,NAME...] [--replicas [--replica-seconds H,F,R]] [--out DIR]"
				+ " | --report-only DIR | --check DIR";

		/**
		 * The replica scenarios this invocation runs: all of them in a full run and with
		 * {@code --replicas}, those named with {@code --replicas --scenarios}, the smoke
		 * pair with {@code --smoke}, none when {@code --scenarios} picks the suite's.
		 */
		List<ReplicaScenario> replicaScenarios() {
			if (this.smoke) {
				return ReplicaScenario.smoke();
			}
			List<ReplicaScenario> all = ReplicaScenario.all(this.replicaTiming);
			if (this.scenarios.isEmpty()) {
				return all;
			}
			if (!this.replicas) {
				return List.of();
			}
			List<String> unknown = this.scenarios.stream()
				.filter((name) -> all.stream().noneMatch((scenario) -> scenario.name().equals(name)))
				.toList();
			if (!unknown.isEmpty()) {
				throw new IllegalArgumentException("Unknown replica scenarios " + unknown + "; there are "
						+ all.stream().map(ReplicaScenario::name).toList());
			}
			return all.stream().filter((scenario) -> this.scenarios.contains(scenario.name())).toList();
		}

		static Options parse(List<String> args) {
			boolean smoke = false;
			Path out = null;
			Path reportOnly = null;
			Path check = null;
			List<String> scenarios = List.of();
			Path micro = null;
			boolean replicas = false;
			ReplicaScenario.Timing replicaTiming = null;
			List<String> typed = new ArrayList<>();
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				switch (arg) {
					case "--smoke" -> {
						smoke = true;
					}
					case "--out" -> {
						out = Paths.get(value(args, i + 1, arg)).toAbsolutePath();
						i++;
					}
					case "--report-only" -> {
						reportOnly = Paths.get(value(args, i + 1, arg)).toAbsolutePath();
						i++;
					}
					case "--check" -> {
						check = Paths.get(value(args, i + 1, arg)).toAbsolutePath();
						i++;
					}
					case "--replicas" -> {
						replicas = true;
					}
					case "--replica-seconds" -> {
						replicaTiming = ReplicaScenario.Timing.parse(value(args, i + 1, arg));
						i++;
					}
					case "--scenarios" -> {
						scenarios = List.of(value(args, i + 1, arg).split(","));
						i++;
					}
					// Passed by scripts/benchmark itself, not typed: kept out of the
					// command shown in the report.
					case "--micro" -> {
						micro = Paths.get(value(args, i + 1, arg)).toAbsolutePath();
						i++;
					}
					default -> throw new IllegalArgumentException("Unknown argument: " + arg);
				}
			}
			for (int i = 0; i < args.size(); i++) {
				if (args.get(i).equals("--micro")) {
					i++;
				}
				else {
					typed.add(args.get(i));
				}
			}
			String command = ("scripts/benchmark " + String.join(" ", typed)).trim();
			if (smoke && !scenarios.isEmpty()) {
				throw new IllegalArgumentException("--smoke runs its own two scenarios: drop --scenarios");
			}
			if (smoke && replicaTiming != null) {
				throw new IllegalArgumentException("--smoke has its own timing: drop --replica-seconds");
			}
			if (replicaTiming != null && !replicas) {
				throw new IllegalArgumentException("--replica-seconds is for --replicas");
			}
			ReplicaScenario.Timing timing = smoke ? ReplicaScenario.Timing.SMOKE
					: (replicaTiming != null) ? replicaTiming : ReplicaScenario.Timing.FULL;
			Options options = new Options(smoke, out, reportOnly, check, scenarios, command, micro, replicas, timing);
			// Unknown replica scenario names are refused before anything starts.
			options.replicaScenarios();
			return options;
		}

		private static String value(List<String> args, int index, String name) {
			if (index >= args.size()) {
				throw new IllegalArgumentException(name + " needs a value");
			}
			return args.get(index);
		}

	}

}
