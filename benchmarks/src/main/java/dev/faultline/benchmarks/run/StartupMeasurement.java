package dev.faultline.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Startup time and memory of each service next to a bare Spring Boot web + actuator app,
 * all started the same way ({@code java -jar} with the same flags): time from launch to
 * the first 200 of {@code /actuator/health}, Spring's own "Started ... in X seconds", and
 * the resident memory after a warm-up. Writes {@code startup.csv}.
 */
final class StartupMeasurement {

	static final String[] HEADER = { "service", "run", "startupMs", "springStartedSeconds", "rssMb" };

	static final int WARM_UP_REQUESTS = 300;

	private final Fleet.Jars jars;

	private final Fleet fleet;

	private final Path logs;

	private final Http http;

	StartupMeasurement(Fleet.Jars jars, Fleet fleet, Path logs, Http http) {
		this.jars = jars;
		this.fleet = fleet;
		this.logs = logs;
		this.http = http;
	}

	/**
	 * Starts each service {@code runs} times, one at a time, from its fat jar; with
	 * {@code classDataSharing}, also as the container images start them: extracted, with
	 * a class data sharing archive from Spring Boot's training run (services
	 * {@code bare (CDS)}, {@code backend (CDS)}, {@code ui (CDS)}).
	 */
	void run(int runs, boolean classDataSharing, CsvWriter csv) throws IOException, InterruptedException {
		Variant plain = new Variant("", this.jars.bare(), this.jars.backend(), this.jars.ui(), List.of());
		for (int run = 1; run <= runs; run++) {
			measureAll(plain, run, csv);
		}
		if (classDataSharing) {
			Path dir = Files.createTempDirectory("faultline-bench-cds");
			try {
				Variant cds = new Variant(" (CDS)", train("bare", this.jars.bare(), dir, barePort()),
						train("backend", this.jars.backend(), dir, backendArguments(dir.resolve("training-data"))),
						train("ui", this.jars.ui(), dir, this.fleet.uiArguments(ServiceProcess.freePort())), null);
				for (int run = 1; run <= runs; run++) {
					measureAll(cds, run, csv);
				}
			}
			finally {
				ServiceProcess.deleteDirectory(dir);
			}
		}
	}

	/**
	 * Spring Boot's CDS recipe, as in the Dockerfile: extract the jar, start it once with
	 * {@code -XX:ArchiveClassesAtExit} and {@code -Dspring.context.exit=onRefresh};
	 * returns the extracted jar, next to which {@code application.jsa} now lies.
	 */
	private Path train(String service, Path jar, Path dir, List<String> arguments)
			throws IOException, InterruptedException {
		Path extracted = dir.resolve(service);
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		exec(service + "-extract", List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
				extracted.toString()));
		Path application = extracted.resolve(jar.getFileName());
		List<String> training = new ArrayList<>(List.of(java));
		training.addAll(ServiceProcess.JVM_FLAGS);
		training.addAll(List.of("-XX:ArchiveClassesAtExit=" + extracted.resolve("application.jsa"),
				"-Dspring.context.exit=onRefresh", "-jar", application.toString()));
		training.addAll(arguments);
		exec(service + "-cds-training", training);
		return application;
	}

	private void exec(String name, List<String> command) throws IOException, InterruptedException {
		Path log = this.logs.resolve("startup-" + name + ".log");
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IOException(name + " did not finish within 2 minutes; see " + log);
		}
		if (process.exitValue() != 0) {
			throw new IOException(name + " failed with exit status " + process.exitValue() + "; see " + log);
		}
	}

	private void measureAll(Variant variant, int run, CsvWriter csv) throws IOException, InterruptedException {
		measureBare(variant, run, csv);
		measureBackend(variant, run, csv);
		measureUi(variant, run, csv);
	}

	private static List<String> barePort() throws IOException {
		return List.of("--server.port=" + ServiceProcess.freePort());
	}

	private static List<String> backendArguments(Path data) throws IOException {
		return List.of("--server.port=" + ServiceProcess.freePort(),
				"--management.server.port=" + ServiceProcess.freePort(), "--faultline.data-dir=" + data);
	}

	private void measureBare(Variant variant, int run, CsvWriter csv) throws IOException, InterruptedException {
		int port = ServiceProcess.freePort();
		String url = "http://127.0.0.1:" + port;
		measure("bare" + variant.suffix(), run, variant.bare(), variant.flags(variant.bare()),
				List.of("--server.port=" + port), url + "/actuator/health", url + "/actuator/health", csv);
	}

	private void measureBackend(Variant variant, int run, CsvWriter csv) throws IOException, InterruptedException {
		int port = ServiceProcess.freePort();
		int management = ServiceProcess.freePort();
		Path data = Files.createTempDirectory("faultline-bench-startup");
		try {
			measure("backend" + variant.suffix(), run, variant.backend(), variant.flags(variant.backend()),
					List.of("--server.port=" + port, "--management.server.port=" + management,
							"--faultline.data-dir=" + data),
					"http://127.0.0.1:" + management + "/actuator/health",
					"http://127.0.0.1:" + port + "/api/messages?limit=10", csv);
		}
		finally {
			ServiceProcess.deleteDirectory(data);
		}
	}

	private void measureUi(Variant variant, int run, CsvWriter csv) throws IOException, InterruptedException {
		int port = ServiceProcess.freePort();
		String url = "http://127.0.0.1:" + port;
		measure("ui" + variant.suffix(), run, variant.ui(), variant.flags(variant.ui()), this.fleet.uiArguments(port),
				url + "/actuator/health", url + "/api/feed?level=full", csv);
	}

	private void measure(String service, int run, Path jar, List<String> jvmFlags, List<String> arguments,
			String healthUrl, String warmUpUrl, CsvWriter csv) throws IOException, InterruptedException {
		try (ServiceProcess process = new ServiceProcess(service, jar, jvmFlags, arguments,
				this.logs.resolve("startup-" + service + "-" + run + ".log"), healthUrl)) {
			Duration startup = process.start(Fleet.READY_WITHIN, this.http);
			for (int i = 0; i < WARM_UP_REQUESTS; i++) {
				this.http.status(warmUpUrl, Duration.ofSeconds(5));
			}
			long rssKb = process.rssKb();
			double reported = process.reportedStartSeconds().orElse(Double.NaN);
			csv.row(service, run, startup.toMillis(), Double.isNaN(reported) ? null : reported,
					(rssKb < 0) ? null : String.format(Locale.ROOT, "%.1f", rssKb / 1024.0));
			System.out.printf("startup %-7s run %d: %d ms to healthy, RSS %.0f MB%n", service, run, startup.toMillis(),
					rssKb / 1024.0);
		}
	}

	/**
	 * One way of starting the three apps: the fat jars as built, or extracted with a CDS
	 * archive beside each.
	 *
	 * @param suffix appended to the service names in {@code startup.csv}
	 * @param bare the bare app's jar
	 * @param backend the backend's jar
	 * @param ui the UI's jar
	 * @param plainFlags the extra JVM flags of the plain variant, or {@code null} for the
	 * CDS archive beside each jar
	 */
	private record Variant(String suffix, Path bare, Path backend, Path ui, List<String> plainFlags) {

		List<String> flags(Path jar) {
			return (this.plainFlags != null) ? this.plainFlags
					: List.of("-XX:SharedArchiveFile=" + jar.resolveSibling("application.jsa"));
		}

	}

}
