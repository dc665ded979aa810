package dev.faultline.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.faultline.benchmarks.report.ReportWriter;
import dev.faultline.benchmarks.report.ResultsCheck;
import dev.faultline.benchmarks.run.SuiteRunner;

/**
 * The benchmark suite's entry point, run by {@code scripts/benchmark}: runs the suite
 * (full or {@code --smoke}) and writes its report, or only regenerates a report
 * ({@code --report-only DIR}), or only checks a results directory ({@code --check DIR}).
 * Exits non-zero when the run or the check fails.
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
		if (results == null) {
			results = (options.out() != null) ? options.out() : root.resolve("benchmarks/target/results")
				.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
			new SuiteRunner(root, results, options.smoke(), options.scenarios()).run(options.command());
			if (options.micro() != null && Files.isRegularFile(options.micro())) {
				Files.copy(options.micro(), results.resolve("micro.json"), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		ReportWriter report = new ReportWriter(results);
		report.write();
		// Only a full run into the default place becomes the project's published report;
		// regenerating that run's report (after a change of its prose) publishes it
		// again.
		Path defaultPlace = root.resolve("benchmarks/target/results");
		boolean inDefaultPlace = (options.reportOnly() != null)
				? options.reportOnly().toAbsolutePath().normalize().startsWith(defaultPlace) : options.out() == null;
		if (report.isFullRun() && inDefaultPlace && options.scenarios().isEmpty()) {
			report.publish(root.resolve("docs"));
		}
		// Every run ends with the check (CI relies on it for --smoke); it never judges a
		// timing.
		return check(results);
	}

	private static int check(Path results) throws Exception {
		if (!Files.isDirectory(results)) {
			System.err.println("No results directory " + results);
			return 1;
		}
		List<String> problems = new ResultsCheck(results).problems();
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
	 */
	record Options(boolean smoke, Path out, Path reportOnly, Path check, List<String> scenarios, String command,
			Path micro) {

		static final String USAGE = "usage: scripts/benchmark [--smoke | --scenarios NAME,NAME...] [--out DIR] | --report-only DIR | --check DIR";

		static Options parse(List<String> args) {
			boolean smoke = false;
			Path out = null;
			Path reportOnly = null;
			Path check = null;
			List<String> scenarios = List.of();
			Path micro = null;
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
			return new Options(smoke, out, reportOnly, check, scenarios, command, micro);
		}

		private static String value(List<String> args, int index, String name) {
			if (index >= args.size()) {
				throw new IllegalArgumentException(name + " needs a value");
			}
			return args.get(index);
		}

	}

}
