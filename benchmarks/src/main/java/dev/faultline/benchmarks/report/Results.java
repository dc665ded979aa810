package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import dev.faultline.benchmarks.Scenario;

/**
 * The raw data of one run, read back from its results directory: the CSV files the run
 * wrote and its {@code run.properties}.
 *
 * @param requests every request, in the order they were written
 * @param breakers every breaker sample
 * @param events the timeline of every scenario
 * @param backendRequests the backend's own count of message API requests, by scenario
 * @param startup startup and memory measurements
 * @param writes every write of the durability measurement, warm-up included
 * @param writeRounds every round of the durability measurement, warm-up included
 * @param run what the run says about itself (mode, command, scenarios, levels, machine)
 */
record Results(List<Request> requests, List<BreakerSample> breakers, List<Event> events,
		Map<String, Long> backendRequests, List<Startup> startup, List<Write> writes, List<WriteRound> writeRounds,
		Properties run) {

	static final String REQUESTS = "requests.csv";

	static final String BREAKERS = "breakers.csv";

	static final String EVENTS = "events.csv";

	static final String BACKEND = "backend.csv";

	static final String STARTUP = "startup.csv";

	static final String DURABILITY = "durability.csv";

	static final String DURABILITY_ROUNDS = "durability-rounds.csv";

	static final String RUN = "run.properties";

	/** Reads a results directory. */
	static Results load(Path dir) {
		List<Request> requests = Csv.read(dir.resolve(REQUESTS)).stream().map(Request::of).toList();
		List<BreakerSample> breakers = Csv.read(dir.resolve(BREAKERS))
			.stream()
			.map((row) -> new BreakerSample(Long.parseLong(row.get("epochMs")), row.get("level"), row.get("state")))
			.toList();
		List<Event> events = Csv.read(dir.resolve(EVENTS))
			.stream()
			.map((row) -> new Event(row.get("scenario"), row.get("event"), Long.parseLong(row.get("epochMs"))))
			.toList();
		Map<String, Long> backend = new LinkedHashMap<>();
		Csv.read(dir.resolve(BACKEND))
			.forEach((row) -> backend.put(row.get("scenario"), Long.parseLong(row.get("backendRequests"))));
		List<Startup> startup = Csv.read(dir.resolve(STARTUP)).stream().map(Startup::of).toList();
		// Runs from before the durability measurement can still be reported; the check
		// says what they lack.
		List<Write> writes = Files.isRegularFile(dir.resolve(DURABILITY))
				? Csv.read(dir.resolve(DURABILITY)).stream().map(Write::of).toList() : List.of();
		List<WriteRound> writeRounds = Files.isRegularFile(dir.resolve(DURABILITY_ROUNDS))
				? Csv.read(dir.resolve(DURABILITY_ROUNDS)).stream().map(WriteRound::of).toList() : List.of();
		Properties run = new Properties();
		try (Reader reader = Files.newBufferedReader(dir.resolve(RUN))) {
			run.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Results(requests, breakers, events, backend, startup, writes, writeRounds, run);
	}

	List<String> scenarioNames() {
		return Arrays.asList(this.run.getProperty("scenarios", "").split(","));
	}

	/** A scenario as this run ran it. */
	Optional<Scenario> scenario(String name) {
		return Scenario.named(name, this.run.getProperty("mode"));
	}

	List<String> levels() {
		return Arrays.asList(this.run.getProperty("levels", "").split(","));
	}

	/** The time of the first event of that kind in a scenario, or {@code null}. */
	Long event(String scenario, String kind) {
		return this.events.stream()
			.filter((event) -> event.scenario().equals(scenario) && event.kind().equals(kind))
			.map(Event::epochMs)
			.findFirst()
			.orElse(null);
	}

	/** Every event of that kind in a scenario, in time order. */
	List<Long> events(String scenario, String kind) {
		return this.events.stream()
			.filter((event) -> event.scenario().equals(scenario) && event.kind().equals(kind))
			.map(Event::epochMs)
			.sorted()
			.toList();
	}

	/**
	 * One request of the load.
	 *
	 * @param scenario the scenario it was sent in
	 * @param level the UI (and level) it was sent to
	 * @param path {@code /api/feed} or {@code /about}
	 * @param startEpochMs when it was sent
	 * @param latencyMs how long until the answer, or until it failed
	 * @param status the HTTP status, 0 without an answer
	 * @param source {@code live}, {@code cache}, {@code none} or {@code null}
	 * @param reason why it was not live, or {@code null}
	 * @param backendCalls HTTP attempts it made, or {@code null} when unknown
	 * @param withinDeadline answered with data (live or cache, status 200) within the
	 * deadline
	 */
	record Request(String scenario, String level, String path, long startEpochMs, long latencyMs, int status,
			String source, String reason, Integer backendCalls, boolean withinDeadline) {

		static Request of(Map<String, String> row) {
			String calls = row.get("backendCalls");
			return new Request(row.get("scenario"), row.get("level"), row.get("path"),
					Long.parseLong(row.get("startEpochMs")), Long.parseLong(row.get("latencyMs")),
					Integer.parseInt(row.get("httpStatus")), blankToNull(row.get("source")),
					blankToNull(row.get("reason")), (calls == null || calls.isEmpty()) ? null : Integer.valueOf(calls),
					Boolean.parseBoolean(row.get("withinDeadline")));
		}

		boolean feed() {
			return this.path.equals("/api/feed");
		}

		boolean live() {
			return this.status == 200 && "live".equals(this.source);
		}

		boolean cache() {
			return this.status == 200 && "cache".equals(this.source);
		}

		long endEpochMs() {
			return this.startEpochMs + this.latencyMs;
		}

		private static String blankToNull(String value) {
			return (value == null || value.isEmpty()) ? null : value;
		}

	}

	/**
	 * A breaker's state at one moment.
	 *
	 * @param epochMs when it was read
	 * @param level the UI and breaker
	 * @param state {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, or {@code UNKNOWN}
	 * without an answer
	 */
	record BreakerSample(long epochMs, String level, String state) {
	}

	/**
	 * A moment of a scenario's timeline.
	 *
	 * @param scenario the scenario
	 * @param kind {@code load-start}, {@code fault-start}, {@code fault-end},
	 * {@code backend-healthy}, {@code load-end}
	 * @param epochMs when
	 */
	record Event(String scenario, String kind, long epochMs) {
	}

	/**
	 * One start of one service.
	 *
	 * @param service {@code bare}, {@code backend} or {@code ui}
	 * @param startupMs launch to the first 200 of {@code /actuator/health}
	 * @param springSeconds Spring's own "Started ... in X seconds", or {@code null}
	 * @param rssMb resident memory after the warm-up, or {@code null}
	 */
	record Startup(String service, long startupMs, Double springSeconds, Double rssMb) {

		static Startup of(Map<String, String> row) {
			return new Startup(row.get("service"), Long.parseLong(row.get("startupMs")),
					number(row.get("springStartedSeconds")), number(row.get("rssMb")));
		}

		private static Double number(String value) {
			return (value == null || value.isEmpty()) ? null : Double.valueOf(value);
		}

	}

	/**
	 * One write of the durability measurement.
	 *
	 * @param writeDelayMs the backend's H2 {@code WRITE_DELAY}
	 * @param round its round, 0 for the warm-up
	 * @param writer which of the looping writers sent it
	 * @param startEpochMs when it was sent
	 * @param latencyUs how long until the answer, or until it failed, in microseconds
	 * @param status the HTTP status, 0 without an answer; 201 when stored
	 */
	record Write(int writeDelayMs, int round, int writer, long startEpochMs, long latencyUs, int status) {

		static Write of(Map<String, String> row) {
			return new Write(Integer.parseInt(row.get("writeDelayMs")), Integer.parseInt(row.get("round")),
					Integer.parseInt(row.get("writer")), Long.parseLong(row.get("startEpochMs")),
					Long.parseLong(row.get("latencyUs")), Integer.parseInt(row.get("httpStatus")));
		}

		boolean created() {
			return this.status == 201;
		}

	}

	/**
	 * One round of the durability measurement: every writer looping against one backend
	 * for a bounded time.
	 *
	 * @param writeDelayMs the backend's H2 {@code WRITE_DELAY}
	 * @param round the round, 0 for the warm-up
	 * @param startEpochMs when the writers started
	 * @param endEpochMs when the last of them had its last answer
	 * @param writes the writes sent in it
	 */
	record WriteRound(int writeDelayMs, int round, long startEpochMs, long endEpochMs, long writes) {

		static WriteRound of(Map<String, String> row) {
			return new WriteRound(Integer.parseInt(row.get("writeDelayMs")), Integer.parseInt(row.get("round")),
					Long.parseLong(row.get("startEpochMs")), Long.parseLong(row.get("endEpochMs")),
					Long.parseLong(row.get("writes")));
		}

		boolean warmUp() {
			return this.round == 0;
		}

		long durationMs() {
			return this.endEpochMs - this.startEpochMs;
		}

	}

	/** Reads the suite's simple CSV files (no quoting: no field holds a comma). */
	static final class Csv {

		private Csv() {
		}

		/** Every data row as a map from header to value. */
		static List<Map<String, String>> read(Path file) {
			try {
				List<String> lines = Files.readAllLines(file);
				List<Map<String, String>> rows = new ArrayList<>();
				if (lines.isEmpty()) {
					return rows;
				}
				String[] header = lines.get(0).split(",", -1);
				for (String line : lines.subList(1, lines.size())) {
					if (line.isBlank()) {
						continue;
					}
					String[] fields = line.split(",", -1);
					Map<String, String> row = new LinkedHashMap<>();
					for (int i = 0; i < header.length; i++) {
						row.put(header[i], (i < fields.length) ? fields[i] : "");
					}
					rows.add(row);
				}
				return rows;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** The header line, or an empty string for an empty or missing file. */
		static String header(Path file) {
			try {
				List<String> lines = Files.readAllLines(file);
				return lines.isEmpty() ? "" : lines.get(0);
			}
			catch (IOException ex) {
				return "";
			}
		}

	}

}
