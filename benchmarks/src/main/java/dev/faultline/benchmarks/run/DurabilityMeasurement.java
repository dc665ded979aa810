package dev.faultline.benchmarks.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * What a durable write costs: the backend jar started twice on free ports of 127.0.0.1,
 * each with its own throw-away data directory, once as shipped (its H2 URL has
 * {@code WRITE_DELAY=0}: each commit is written to the file before it returns) and once
 * with the same URL but H2's default {@code WRITE_DELAY=500}; then a closed-model write
 * load, {@value #WRITERS} writers each sending the next {@code POST /api/messages} as
 * soon as the last was answered, against one of them at a time, after a warm-up of each,
 * in rounds ordered shipped, default, default, shipped (repeated) so that a drift in the
 * machine's speed favours neither. Writes {@code durability.csv} (one row per write) and
 * {@code durability-rounds.csv} (one row per round, round 0 the warm-up).
 */
final class DurabilityMeasurement {

	static final String[] WRITES_HEADER = { "writeDelayMs", "round", "writer", "startEpochMs", "latencyUs",
			"httpStatus" };

	static final String[] ROUNDS_HEADER = { "writeDelayMs", "round", "startEpochMs", "endEpochMs", "writes" };

	static final int WRITERS = 4;

	/** H2's own default, what the backend had before it shipped {@code WRITE_DELAY=0}. */
	static final int H2_DEFAULT_WRITE_DELAY_MS = 500;

	/** A bound on each writer's writes in one round, whatever the machine's speed. */
	static final int MAX_WRITES_PER_WRITER_AND_ROUND = 100_000;

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final String APPLICATION_YAML = "BOOT-INF/classes/application.yml";

	// The URL alone, or the default of a placeholder that lets the environment choose
	// another database (url: ${FAULTLINE_DB_URL:jdbc:h2:...}).
	private static final Pattern DATASOURCE_URL = Pattern
		.compile("^\\s*url:\\s*(?:\\$\\{[A-Z_]+:)?(jdbc:h2:\\S+?)}?\\s*$", Pattern.MULTILINE);

	private static final Pattern WRITE_DELAY = Pattern.compile("(?<=;)WRITE_DELAY=(\\d+)(?=;|$)");

	private final Path backendJar;

	private final Path logs;

	private final Http http;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	DurabilityMeasurement(Path backendJar, Path logs, Http http) {
		this.backendJar = backendJar;
		this.logs = logs;
		this.http = http;
	}

	/**
	 * Starts both backends, runs the warm-up and the rounds of the plan, writes every
	 * write and every round, and stops both backends.
	 */
	void run(Plan plan, CsvWriter writes, CsvWriter rounds) throws IOException, InterruptedException {
		String shippedUrl = datasourceUrl(applicationYaml(this.backendJar));
		int shipped = writeDelay(shippedUrl);
		// The report reads the lower setting as the shipped one.
		if (shipped >= H2_DEFAULT_WRITE_DELAY_MS) {
			throw new IllegalStateException("The backend ships WRITE_DELAY=" + shipped + ", not below H2's default "
					+ H2_DEFAULT_WRITE_DELAY_MS + ": there is no durability to measure; see DurabilityMeasurement");
		}
		String deferredUrl = withWriteDelay(shippedUrl, H2_DEFAULT_WRITE_DELAY_MS);
		Path data = Files.createTempDirectory("faultline-bench-durability");
		ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
		try (Backend synced = new Backend(shipped, null, data);
				Backend deferred = new Backend(H2_DEFAULT_WRITE_DELAY_MS, "--spring.datasource.url=" + deferredUrl,
						data)) {
			synced.process().launch();
			deferred.process().launch();
			synced.process().awaitReady(Fleet.READY_WITHIN, this.http);
			deferred.process().awaitReady(Fleet.READY_WITHIN, this.http);
			for (Backend backend : List.of(synced, deferred)) {
				writeFor(writers, backend, 0, plan.warmUp(), writes, rounds);
			}
			List<Integer> order = roundOrder(plan.rounds(), shipped, H2_DEFAULT_WRITE_DELAY_MS);
			for (int round = 1; round <= plan.rounds(); round++) {
				writeFor(writers, (order.get(round - 1) == shipped) ? synced : deferred, round, plan.round(), writes,
						rounds);
			}
		}
		finally {
			writers.shutdownNow();
			ServiceProcess.deleteDirectory(data);
		}
	}

	/**
	 * One round: every writer posts until the round's time is up (or its bound on writes
	 * is reached); the rows are written after the round, so that writing them to disk
	 * does not compete with the database's own writes.
	 */
	private void writeFor(ExecutorService writers, Backend backend, int round, Duration duration, CsvWriter writes,
			CsvWriter rounds) throws InterruptedException {
		long deadline = System.nanoTime() + duration.toNanos();
		long start = System.currentTimeMillis();
		List<Future<List<Object[]>>> running = new ArrayList<>();
		for (int writer = 1; writer <= WRITERS; writer++) {
			int id = writer;
			running.add(writers.submit(() -> writeUntil(backend, round, id, deadline)));
		}
		List<Object[]> rows = new ArrayList<>();
		long waitUntil = deadline + REQUEST_TIMEOUT.plusSeconds(5).toNanos();
		for (Future<List<Object[]>> writer : running) {
			try {
				rows.addAll(writer.get(Math.max(0, waitUntil - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			catch (ExecutionException | TimeoutException ex) {
				running.forEach((future) -> future.cancel(true));
				throw new IllegalStateException("A writer of round " + round + " failed or did not finish", ex);
			}
		}
		long end = System.currentTimeMillis();
		rows.forEach(writes::row);
		rounds.row(backend.writeDelayMs(), round, start, end, rows.size());
		writes.flush();
		rounds.flush();
		long created = rows.stream().filter((row) -> row[5].equals(201)).count();
		System.out.printf("durability %s WRITE_DELAY=%d: %d writes in %d ms, %d answered 201%n",
				(round == 0) ? "warm-up" : "round " + round, backend.writeDelayMs(), rows.size(), end - start, created);
	}

	private List<Object[]> writeUntil(Backend backend, int round, int writer, long deadline) {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < MAX_WRITES_PER_WRITER_AND_ROUND && System.nanoTime() < deadline; i++) {
			String body = "{\"author\":\"durability-" + writer + "\",\"text\":\"round " + round + " write " + i + "\"}";
			HttpRequest request = HttpRequest.newBuilder(URI.create(backend.apiUrl() + "/api/messages"))
				.timeout(REQUEST_TIMEOUT)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			long startEpochMs = System.currentTimeMillis();
			long startNanos = System.nanoTime();
			int status;
			try {
				status = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (IOException ex) {
				status = 0;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			long latencyUs = (System.nanoTime() - startNanos) / 1000;
			rows.add(new Object[] { backend.writeDelayMs(), round, writer, startEpochMs, latencyUs, status });
		}
		return rows;
	}

	/** The {@code application.yml} inside a Spring Boot fat jar. */
	static String applicationYaml(Path jar) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			ZipEntry entry = file.getEntry(APPLICATION_YAML);
			if (entry == null) {
				throw new IllegalStateException(jar + " has no " + APPLICATION_YAML);
			}
			try (InputStream in = file.getInputStream(entry)) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
	}

	/** The H2 URL ({@code spring.datasource.url}) of an {@code application.yml}. */
	static String datasourceUrl(String yaml) {
		Matcher matcher = DATASOURCE_URL.matcher(yaml);
		if (!matcher.find()) {
			throw new IllegalStateException("No H2 datasource url in the backend's application.yml");
		}
		return matcher.group(1);
	}

	/** The {@code WRITE_DELAY} setting of an H2 URL. */
	static int writeDelay(String url) {
		Matcher matcher = WRITE_DELAY.matcher(url);
		if (!matcher.find()) {
			throw new IllegalStateException("The backend's H2 url sets no WRITE_DELAY: " + url);
		}
		return Integer.parseInt(matcher.group(1));
	}

	/** The same H2 URL with another {@code WRITE_DELAY}, every other setting kept. */
	static String withWriteDelay(String url, int millis) {
		writeDelay(url);
		return WRITE_DELAY.matcher(url).replaceFirst("WRITE_DELAY=" + millis);
	}

	/**
	 * The setting of each round: {@code a, b, b, a}, repeated, so that each setting gets
	 * as many early rounds as late ones.
	 */
	static List<Integer> roundOrder(int rounds, int a, int b) {
		List<Integer> order = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			order.add((round % 4 == 0 || round % 4 == 3) ? a : b);
		}
		return order;
	}

	/**
	 * How long the measurement writes.
	 *
	 * @param warmUp each backend's warm-up, before the first round (its rows are round 0)
	 * @param rounds rounds in all, half of them for each setting
	 * @param round the length of one round
	 */
	record Plan(Duration warmUp, int rounds, Duration round) {

		/** The full suite's: 10 s of writes for each setting. */
		static final Plan FULL = new Plan(Duration.ofSeconds(5), 8, Duration.ofMillis(2500));

		/** The smoke run's: 2 s of writes for each setting. */
		static final Plan SHORT = new Plan(Duration.ofSeconds(2), 4, Duration.ofSeconds(1));

	}

	/**
	 * One of the two backends: a process of the backend jar on free ports of 127.0.0.1,
	 * its database in a directory of its own.
	 */
	private final class Backend implements AutoCloseable {

		private final int writeDelayMs;

		private final int apiPort;

		private final ServiceProcess process;

		Backend(int writeDelayMs, String datasourceArgument, Path data) throws IOException {
			this.writeDelayMs = writeDelayMs;
			this.apiPort = ServiceProcess.freePort();
			int managementPort = ServiceProcess.freePort();
			List<String> arguments = new ArrayList<>(List.of("--server.port=" + this.apiPort,
					"--management.server.port=" + managementPort,
					"--faultline.data-dir=" + Files.createDirectories(data.resolve("write-delay-" + writeDelayMs))));
			if (datasourceArgument != null) {
				arguments.add(datasourceArgument);
			}
			String name = "durability-write-delay-" + writeDelayMs;
			this.process = new ServiceProcess(name, DurabilityMeasurement.this.backendJar, arguments,
					DurabilityMeasurement.this.logs.resolve(name + ".log"),
					"http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
		}

		int writeDelayMs() {
			return this.writeDelayMs;
		}

		String apiUrl() {
			return "http://127.0.0.1:" + this.apiPort;
		}

		ServiceProcess process() {
			return this.process;
		}

		@Override
		public void close() {
			this.process.close();
		}

	}

}
