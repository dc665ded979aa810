package dev.faultline.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Startup time and memory of each service next to a bare Spring Boot web + actuator app, all started the same way
 * ({@code java -jar} with the same flags): time from launch to the first 200 of {@code /actuator/health}, Spring's
 * own "Started ... in X seconds", and the resident memory after a warm-up. Writes {@code startup.csv}.
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

	/** Starts each service {@code runs} times, one at a time. */
	void run(int runs, CsvWriter csv) throws IOException, InterruptedException {
		for (int run = 1; run <= runs; run++) {
			measureBare(run, csv);
			measureBackend(run, csv);
			measureUi(run, csv);
		}
	}

	private void measureBare(int run, CsvWriter csv) throws IOException, InterruptedException {
		int port = ServiceProcess.freePort();
		String url = "http://127.0.0.1:" + port;
		measure("bare", run, this.jars.bare(), List.of("--server.port=" + port), url + "/actuator/health",
				url + "/actuator/health", csv);
	}

	private void measureBackend(int run, CsvWriter csv) throws IOException, InterruptedException {
		int port = ServiceProcess.freePort();
		int management = ServiceProcess.freePort();
		Path data = Files.createTempDirectory("faultline-bench-startup");
		try {
			measure("backend", run, this.jars.backend(),
					List.of("--server.port=" + port, "--management.server.port=" + management,
							"--faultline.data-dir=" + data),
					"http://127.0.0.1:" + management + "/actuator/health",
					"http://127.0.0.1:" + port + "/api/messages?limit=10", csv);
		}
		finally {
			ServiceProcess.deleteDirectory(data);
		}
	}

	private void measureUi(int run, CsvWriter csv) throws IOException, InterruptedException {
		int port = ServiceProcess.freePort();
		String url = "http://127.0.0.1:" + port;
		measure("ui", run, this.jars.ui(), this.fleet.uiArguments(port), url + "/actuator/health",
				url + "/api/feed?level=full", csv);
	}

	private void measure(String service, int run, Path jar, List<String> arguments, String healthUrl, String warmUpUrl,
			CsvWriter csv) throws IOException, InterruptedException {
		try (ServiceProcess process = new ServiceProcess(service, jar, arguments,
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

}
