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
 * @param run what the run says about itself (mode, command, scenarios, levels, machine)
 */
record Results(List<Request> requests, List<BreakerSample> breakers, List<Event> events,
		Map<String, Long> backendRequests, List<Startup> startup, Properties run) {

	static final String REQUESTS = "requests.csv";

	static final String BREAKERS = "breakers.csv";

	static final String EVENTS = "events.csv";

	static final String BACKEND = "backend.csv";

	static final String STARTUP = "startup.csv";

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
		Properties run = new Properties();
		try (Reader reader = Files.newBufferedReader(dir.resolve(RUN))) {
			run.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Results(requests, breakers, events, backend, startup, run);
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
