package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import dev.faultline.benchmarks.ReplicaScenario;
import dev.faultline.benchmarks.ServiceSettings;
import dev.faultline.benchmarks.run.ReplicaRunner;

/**
 * The raw data of the replica scenarios, read back from a results directory: the files
 * {@link ReplicaRunner} wrote beside (or instead of) the suite's.
 *
 * @param reads every request of the load, with the replica that answered
 * @param rotation every rotation sample of the full UI
 * @param breakers every sample of the full UI's breaker
 * @param events the timeline of every scenario
 * @param run what the run says about itself (scenarios, timing, replicas, deadline,
 * machine)
 */
record ReplicaResults(List<Read> reads, List<RotationSample> rotation, List<Results.BreakerSample> breakers,
		List<Results.Event> events, Properties run) {

	static final String REQUESTS = "replica-requests.csv";

	static final String ROTATION = "rotation.csv";

	static final String BREAKERS = "replica-breakers.csv";

	static final String EVENTS = "replica-events.csv";

	static final String RUN = "replicas.properties";

	/** Whether the directory holds a run of the replica scenarios. */
	static boolean present(Path dir) {
		return Files.isRegularFile(dir.resolve(RUN));
	}

	/** Reads a results directory. */
	static ReplicaResults load(Path dir) {
		List<Read> reads = Results.Csv.read(dir.resolve(REQUESTS))
			.stream()
			.map((row) -> new Read(Results.Request.of(row), blankToNull(row.get("replica"))))
			.toList();
		List<RotationSample> rotation = Results.Csv.read(dir.resolve(ROTATION))
			.stream()
			.map((row) -> new RotationSample(Long.parseLong(row.get("epochMs")), row.get("replica"),
					row.get("rotation")))
			.toList();
		List<Results.BreakerSample> breakers = Results.Csv.read(dir.resolve(BREAKERS))
			.stream()
			.map((row) -> new Results.BreakerSample(Long.parseLong(row.get("epochMs")), row.get("level"),
					row.get("state")))
			.toList();
		List<Results.Event> events = Results.Csv.read(dir.resolve(EVENTS))
			.stream()
			.map((row) -> new Results.Event(row.get("scenario"), row.get("event"), Long.parseLong(row.get("epochMs"))))
			.toList();
		Properties run = new Properties();
		try (Reader reader = Files.newBufferedReader(dir.resolve(RUN))) {
			run.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ReplicaResults(reads, rotation, breakers, events, run);
	}

	List<String> scenarioNames() {
		String names = this.run.getProperty("scenarios", "");
		return names.isEmpty() ? List.of() : Arrays.asList(names.split(","));
	}

	ReplicaScenario.Timing timing() {
		return ReplicaScenario.Timing
			.parse(this.run.getProperty(ReplicaRunner.TIMING, ReplicaScenario.Timing.FULL.toString()));
	}

	/** A scenario as this run ran it. */
	Optional<ReplicaScenario> scenario(String name) {
		return ReplicaScenario.named(name, timing());
	}

	/** The full UI's deadline as the run read it, or {@code null} when not recorded. */
	Long deadlineMs() {
		String value = this.run.getProperty(ServiceSettings.DEADLINE_MS);
		return (value != null && !value.isBlank()) ? Long.valueOf(value) : null;
	}

	/** The replica one-replica faults hit, {@code host:port}. */
	String brokenReplica() {
		return this.run.getProperty(ReplicaRunner.BROKEN_REPLICA, "");
	}

	/** Every replica, {@code host:port}. */
	List<String> replicas() {
		String names = this.run.getProperty(ReplicaRunner.REPLICAS, "");
		return names.isEmpty() ? List.of() : Arrays.asList(names.split(","));
	}

	/** The time of the first event of that kind in a scenario, or {@code null}. */
	Long event(String scenario, String kind) {
		return this.events.stream()
			.filter((event) -> event.scenario().equals(scenario) && event.kind().equals(kind))
			.map(Results.Event::epochMs)
			.findFirst()
			.orElse(null);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	/**
	 * One request of the load.
	 *
	 * @param request as the suite records every request
	 * @param replica the replica that answered a live read, {@code host:port}, or
	 * {@code null}
	 */
	record Read(Results.Request request, String replica) {
	}

	/**
	 * One replica's rotation at one moment, as the full UI's health said it.
	 *
	 * @param epochMs when it was read
	 * @param replica {@code host:port}
	 * @param rotation {@code in rotation}, {@code ejected} or {@code trial}
	 */
	record RotationSample(long epochMs, String replica, String rotation) {

		boolean inRotation() {
			return ReplicaRunner.IN_ROTATION.equals(this.rotation);
		}

	}

}
