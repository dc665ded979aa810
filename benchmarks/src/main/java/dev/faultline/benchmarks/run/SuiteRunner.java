package dev.faultline.benchmarks.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import dev.faultline.benchmarks.Levels;
import dev.faultline.benchmarks.Scenario;
import dev.faultline.benchmarks.ServiceSettings;

/**
 * Runs the suite: starts the backend, measures startup and memory and what a durable
 * write costs, starts one UI per level, then for each scenario sends the load with
 * Gatling (in this JVM) while a timeline thread breaks and repairs the backend on
 * schedule, and writes the raw data of the run to the output directory. Everything it
 * starts is stopped before it returns.
 */
public final class SuiteRunner {

	private static final Duration SETTLE_WITHIN = Duration.ofSeconds(30);

	private static final String MESSAGES_METRIC = "/actuator/metrics/http.server.requests?tag=uri:/api/messages";

	private final Path root;

	private final Path out;

	private final boolean smoke;

	private final List<String> only;

	private final Http http = new Http();

	/**
	 * A runner for one invocation of the suite.
	 * @param root the repository root, where the jars are built
	 * @param out the results directory
	 * @param smoke the short run: two scenarios, UIs none and full only
	 * @param only the names of the full suite's scenarios to run, or empty for all of
	 * them
	 */
	public SuiteRunner(Path root, Path out, boolean smoke, List<String> only) {
		this.root = root;
		this.out = out;
		this.smoke = smoke;
		this.only = List.copyOf(only);
	}

	/**
	 * Runs everything and writes {@code run.properties} last, with what the report needs
	 * to know about the run.
	 */
	public void run(String command) throws IOException, InterruptedException {
		Instant started = Instant.now();
		List<Scenario> catalog = this.smoke ? Scenario.smoke() : Scenario.full();
		List<String> unknown = this.only.stream()
			.filter((name) -> catalog.stream().noneMatch((scenario) -> scenario.name().equals(name)))
			.toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown scenarios " + unknown + "; the suite has "
					+ catalog.stream().map(Scenario::name).toList());
		}
		List<Scenario> scenarios = this.only.isEmpty() ? catalog
				: catalog.stream().filter((scenario) -> this.only.contains(scenario.name())).toList();
		List<String> levels = this.smoke ? List.of(Levels.NONE, Levels.FULL) : Levels.ALL;
		Fleet.Jars jars = Fleet.Jars.in(this.root);
		jars.requireBuilt();
		Files.createDirectories(this.out);
		Path logs = Files.createDirectories(this.out.resolve("logs"));
		ServiceSettings settings;
		try (Fleet fleet = new Fleet(jars, logs, this.http);
				CsvWriter requests = new CsvWriter(this.out.resolve("requests.csv"), RequestRecorder.HEADER);
				CsvWriter breakers = new CsvWriter(this.out.resolve("breakers.csv"), BreakerSampler.HEADER);
				CsvWriter events = new CsvWriter(this.out.resolve("events.csv"), "scenario", "event", "epochMs");
				CsvWriter backend = new CsvWriter(this.out.resolve("backend.csv"), "scenario", "backendRequests");
				CsvWriter startup = new CsvWriter(this.out.resolve("startup.csv"), StartupMeasurement.HEADER);
				CsvWriter writes = new CsvWriter(this.out.resolve("durability.csv"),
						DurabilityMeasurement.WRITES_HEADER);
				CsvWriter writeRounds = new CsvWriter(this.out.resolve("durability-rounds.csv"),
						DurabilityMeasurement.ROUNDS_HEADER)) {
			log("starting the backend");
			fleet.startBackend();
			checkChaos(fleet.managementUrl(), scenarios);
			log("measuring startup and memory");
			boolean quick = this.smoke || !this.only.isEmpty();
			new StartupMeasurement(jars, fleet, logs, this.http).run(quick ? 1 : 3, !quick, startup);
			// Before the UIs start: the only other JVM then is the idle fleet backend.
			log("measuring what a durable write costs (WRITE_DELAY)");
			new DurabilityMeasurement(jars.backend(), logs, this.http)
				.run(quick ? DurabilityMeasurement.Plan.SHORT : DurabilityMeasurement.Plan.FULL, writes, writeRounds);
			log("starting UIs " + levels);
			fleet.startUis(jars, levels);
			settings = readSettings(fleet);
			Map<String, String> breakerUis = new LinkedHashMap<>(fleet.uiUrls());
			breakerUis.keySet().retainAll(settings.levelsWithBreaker());
			try (BreakerSampler sampler = new BreakerSampler(breakerUis, breakers, this.http)) {
				sampler.start();
				RequestRecorder recorder = new RequestRecorder(requests, settings.deadlineMs());
				// Freshly started JVMs (the UIs' and this one's Gatling) are slow for
				// their first thousand requests;
				// the first scenario would measure that instead of the levels. Its rows
				// are kept but never reported.
				runScenario(Scenario.warmUp(this.smoke ? 5 : 15), fleet, recorder, events, backend);
				settle(fleet, sampler, breakerUis);
				for (Scenario scenario : scenarios) {
					runScenario(scenario, fleet, recorder, events, backend);
					settle(fleet, sampler, breakerUis);
					requests.flush();
				}
			}
		}
		writeRunProperties(command, started, scenarios, levels, settings);
		log("run written to " + this.out);
	}

	private void runScenario(Scenario scenario, Fleet fleet, RequestRecorder recorder, CsvWriter events,
			CsvWriter backend) throws InterruptedException, IOException {
		log("scenario " + scenario.name() + " (" + scenario.totalSeconds() + " s of load)");
		long before = backendCount(fleet);
		AtomicLong countAtKill = new AtomicLong(-1);
		AtomicLong probes = new AtomicLong();
		Map<String, String> loaded = new LinkedHashMap<>(fleet.uiUrls());
		loaded.keySet().retainAll(scenario.levels(List.copyOf(fleet.uiUrls().keySet())));
		ScenarioLoad.run(scenario, loaded, recorder, events,
				() -> timeline(scenario, fleet, events, countAtKill, probes), this.out.resolve("gatling"),
				Duration.ofSeconds(200));
		long after = backendCount(fleet);
		long counted = (countAtKill.get() >= 0) ? countAtKill.get() - before + after : after - before;
		backend.row(scenario.name(), counted - probes.get());
		events.flush();
	}

	/** The fault schedule of one scenario, run beside the load. */
	private void timeline(Scenario scenario, Fleet fleet, CsvWriter events, AtomicLong countAtKill, AtomicLong probes) {
		if (!scenario.hasFault()) {
			return;
		}
		String name = scenario.name();
		try {
			Thread.sleep(scenario.healthySeconds() * 1000L);
			long faultStart = System.currentTimeMillis();
			events.row(name, "fault-start", faultStart);
			switch (scenario.fault()) {
				case CHAOS -> {
					this.http.change("PUT", fleet.managementUrl() + "/chaos/" + scenario.chaos()
							+ (scenario.chaos().contains("?") ? "&" : "?") + "duration=5m");
					Thread.sleep(scenario.faultSeconds() * 1000L);
					this.http.change("DELETE", fleet.managementUrl() + "/chaos");
					long faultEnd = System.currentTimeMillis();
					events.row(name, "fault-end", faultEnd);
					flapUpTransitions(scenario, faultStart, faultEnd)
						.forEach((at) -> events.row(name, "backend-healthy", at));
				}
				case SIGSTOP -> {
					fleet.backend().pause();
					Thread.sleep(scenario.faultSeconds() * 1000L);
					fleet.backend().resume();
					long faultEnd = System.currentTimeMillis();
					events.row(name, "fault-end", faultEnd);
					events.row(name, "backend-healthy", faultEnd);
				}
				case KILL -> {
					countAtKill.set(backendCount(fleet));
					fleet.backend().kill();
					fleet.backend().launch();
					long deadline = System.currentTimeMillis() + Fleet.READY_WITHIN.toMillis();
					while (this.http.status(fleet.apiUrl() + "/api/messages?limit=1", Duration.ofSeconds(1)) != 200) {
						probes.incrementAndGet();
						if (System.currentTimeMillis() > deadline) {
							throw new IllegalStateException("The restarted backend never answered; see its log");
						}
						Thread.sleep(100);
					}
					probes.incrementAndGet();
					long healthy = System.currentTimeMillis();
					events.row(name, "fault-end", healthy);
					events.row(name, "backend-healthy", healthy);
				}
				case NONE -> {
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * When the backend became healthy again: the end of each down phase of a flap (the
	 * backend's flap starts with a down phase when it is installed), and the end of the
	 * fault window; just the latter for other faults.
	 */
	static List<Long> flapUpTransitions(Scenario scenario, long faultStart, long faultEnd) {
		return scenario.flapPhases().map((phases) -> {
			List<Long> ups = new ArrayList<>();
			long period = phases[0] + phases[1];
			for (long at = faultStart + phases[0]; at < faultEnd; at += period) {
				ups.add(at);
			}
			if ((faultEnd - faultStart) % period < phases[0]) {
				ups.add(faultEnd);
			}
			return ups;
		}).orElse(List.of(faultEnd));
	}

	/**
	 * Clears every fault and waits (bounded) until every breaker is closed again, nudging
	 * it with a request.
	 */
	private void settle(Fleet fleet, BreakerSampler sampler, Map<String, String> breakerUis)
			throws InterruptedException {
		try {
			this.http.change("DELETE", fleet.managementUrl() + "/chaos");
		}
		catch (IllegalStateException ex) {
			log("could not clear the chaos faults: " + ex.getMessage());
		}
		long deadline = System.currentTimeMillis() + SETTLE_WITHIN.toMillis();
		while (System.currentTimeMillis() < deadline) {
			List<String> open = breakerUis.keySet()
				.stream()
				.filter((level) -> !sampler.state(level).equals("CLOSED"))
				.toList();
			if (open.isEmpty()) {
				break;
			}
			open.forEach((level) -> this.http.status(breakerUis.get(level) + "/api/feed?level=" + level,
					Duration.ofSeconds(3)));
			Thread.sleep(500);
		}
		Thread.sleep(1000);
	}

	/**
	 * The backend's own count of answered message API requests, 0 when it has none or
	 * does not answer.
	 */
	private long backendCount(Fleet fleet) {
		return this.http.getJson(fleet.managementUrl() + MESSAGES_METRIC, Duration.ofSeconds(5)).map((node) -> {
			for (var measurement : node.path("measurements")) {
				if (measurement.path("statistic").asText().equals("COUNT")) {
					return measurement.path("value").asLong();
				}
			}
			return 0L;
		}).orElse(0L);
	}

	/**
	 * The settings the report describes, as the running services state them (so the
	 * report's limits are the UI's own, never re-typed here); the deadline and the levels
	 * with a breaker are needed to record the run at all.
	 */
	private ServiceSettings readSettings(Fleet fleet) {
		String ui = fleet.uiUrls().getOrDefault(Levels.FULL, fleet.uiUrls().values().iterator().next());
		ServiceSettings settings = new SettingsReader(this.http).read(ui, fleet.managementUrl());
		if (settings.deadlineMs() == null || settings.levelsWithBreaker() == null) {
			throw new IllegalStateException("The UI at " + ui
					+ " names no deadline under resilience.timeLimiters.full in its health, or no breakers: see its log");
		}
		log("read from the services: " + settings);
		return settings;
	}

	/**
	 * Stops before any load when a scenario named like one of the backend's installs
	 * another fault ({@link ChaosCheck}).
	 */
	private void checkChaos(String managementUrl, List<Scenario> scenarios) {
		this.http.getJson(managementUrl + "/chaos/scenarios", Duration.ofSeconds(5))
			.map((answer) -> ChaosCheck.problems(scenarios, answer))
			.filter((problems) -> !problems.isEmpty())
			.ifPresent((problems) -> {
				throw new IllegalStateException("The suite's chaos scenarios differ from the backend's: " + problems);
			});
	}

	private void writeRunProperties(String command, Instant started, List<Scenario> scenarios, List<String> levels,
			ServiceSettings settings) throws IOException {
		Properties properties = new Properties();
		settings.store(properties);
		properties.setProperty("mode", this.smoke ? "smoke" : "full");
		properties.setProperty("command", command);
		properties.setProperty("started", started.toString());
		properties.setProperty("durationSeconds", Long.toString(Duration.between(started, Instant.now()).toSeconds()));
		properties.setProperty("scenarios", scenarios.stream().map(Scenario::name).collect(Collectors.joining(",")));
		properties.setProperty("levels", String.join(",", levels));
		properties.putAll(MachineInfo.describe());
		try (OutputStream stream = Files.newOutputStream(this.out.resolve("run.properties"))) {
			properties.store(stream, "Faultline benchmark run");
		}
	}

	private static void log(String message) {
		System.out.println("== benchmark: " + message);
	}

}
