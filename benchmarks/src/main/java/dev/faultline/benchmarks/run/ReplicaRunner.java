package dev.faultline.benchmarks.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import dev.faultline.benchmarks.Levels;
import dev.faultline.benchmarks.ReplicaScenario;
import dev.faultline.benchmarks.Scenario;
import dev.faultline.benchmarks.ServiceSettings;
import dev.faultline.testsupport.PostgresServer;

/**
 * Runs the replica scenarios: starts a real PostgreSQL ({@link PostgresServer}), three
 * backend replicas on it and the {@code none} and {@code full} UIs in front of all three,
 * then for each scenario sends the standard load with Gatling while a timeline thread
 * breaks one replica, every replica or the database and repairs it, and a sampler reads
 * the full UI's rotation every 100 ms. Writes the raw data next to the suite's, in files
 * of its own ({@code replica-*.csv}, {@code rotation.csv}, {@code replicas.properties}).
 * Everything it starts is stopped before it returns.
 */
public final class ReplicaRunner {

	/** Property: every replica, {@code host:port}, in the UIs' order. */
	public static final String REPLICAS = "replicas";

	/** Property: the replica that one-replica faults hit. */
	public static final String BROKEN_REPLICA = "brokenReplica";

	/**
	 * What the UI's health calls a replica that takes its turn (the others are
	 * {@code ejected} and {@code trial}).
	 */
	public static final String IN_ROTATION = "in rotation";

	/** Property: the scenarios' timing, {@code HEALTHY,FAULT,RECOVERY}. */
	public static final String TIMING = "timing";

	private static final Duration SETTLE_WITHIN = Duration.ofSeconds(30);

	private final Path root;

	private final Path out;

	private final List<ReplicaScenario> scenarios;

	private final ReplicaScenario.Timing timing;

	private final int warmUpSeconds;

	private final Http http = new Http();

	/**
	 * A runner for the given scenarios.
	 * @param root the repository root, where the jars are built
	 * @param out the results directory (shared with the suite's files, if any)
	 * @param scenarios the scenarios to run, in order
	 * @param timing their timing, recorded for the report
	 * @param warmUpSeconds load before the first scenario, never reported
	 */
	public ReplicaRunner(Path root, Path out, List<ReplicaScenario> scenarios, ReplicaScenario.Timing timing,
			int warmUpSeconds) {
		this.root = root;
		this.out = out;
		this.scenarios = List.copyOf(scenarios);
		this.timing = timing;
		this.warmUpSeconds = warmUpSeconds;
	}

	/**
	 * Why the replica scenarios cannot run here (no PostgreSQL server), or empty when
	 * they can.
	 */
	public static Optional<String> unavailable() {
		return PostgresServer.missing();
	}

	/** Runs every scenario and writes {@code replicas.properties} last. */
	public void run(String command) throws IOException, InterruptedException {
		Instant started = Instant.now();
		Fleet.Jars jars = Fleet.Jars.in(this.root);
		for (Path jar : List.of(jars.backend(), jars.ui())) {
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(jar + " is missing: run scripts/benchmark, which builds it");
			}
		}
		Files.createDirectories(this.out);
		Path logs = Files.createDirectories(this.out.resolve("logs"));
		Properties properties = new Properties();
		log("starting PostgreSQL and " + ReplicaScenario.REPLICAS + " backend replicas on it");
		try (PostgresServer database = PostgresServer.start();
				ReplicaFleet fleet = new ReplicaFleet(jars, database, ReplicaScenario.REPLICAS, logs, this.http);
				CsvWriter requests = new CsvWriter(this.out.resolve("replica-requests.csv"),
						RequestRecorder.REPLICA_HEADER);
				CsvWriter rotation = new CsvWriter(this.out.resolve("rotation.csv"), RotationSampler.HEADER);
				CsvWriter breakers = new CsvWriter(this.out.resolve("replica-breakers.csv"), BreakerSampler.HEADER);
				CsvWriter events = new CsvWriter(this.out.resolve("replica-events.csv"), "scenario", "event",
						"epochMs")) {
			fleet.start(jars, ReplicaScenario.LEVELS);
			log("replicas " + fleet.replicas().stream().map(ReplicaFleet.Replica::name).toList() + ", UIs "
					+ fleet.uiUrls().keySet() + "; the database's log is " + database.log());
			String fullUi = fleet.uiUrls().get(Levels.FULL);
			String management = fleet.replicas().get(0).managementUrl();
			checkChaos(management);
			ServiceSettings settings = new SettingsReader(this.http).read(fullUi, management);
			if (settings.deadlineMs() == null) {
				throw new IllegalStateException(
						"The full UI's health names no deadline under resilience.timeLimiters.full: see its log");
			}
			settings.store(properties);
			properties.setProperty(REPLICAS,
					fleet.replicas().stream().map(ReplicaFleet.Replica::name).collect(Collectors.joining(",")));
			properties.setProperty(BROKEN_REPLICA, fleet.replicas().get(ReplicaScenario.BROKEN).name());
			try (RotationSampler sampler = new RotationSampler(fullUi, rotation, this.http);
					BreakerSampler breaker = new BreakerSampler(Map.of(Levels.FULL, fullUi), breakers, this.http)) {
				sampler.start();
				breaker.start();
				RequestRecorder recorder = RequestRecorder.withReplica(requests, settings.deadlineMs());
				runScenario(new ReplicaScenario(Scenario.warmUp(this.warmUpSeconds), ReplicaScenario.Target.NONE),
						fleet, recorder, events);
				settle(fleet, sampler, breaker);
				for (ReplicaScenario scenario : this.scenarios) {
					runScenario(scenario, fleet, recorder, events);
					settle(fleet, sampler, breaker);
					requests.flush();
				}
			}
		}
		properties.setProperty("command", command);
		properties.setProperty("started", started.toString());
		properties.setProperty("durationSeconds", Long.toString(Duration.between(started, Instant.now()).toSeconds()));
		properties.setProperty("scenarios",
				this.scenarios.stream().map(ReplicaScenario::name).collect(Collectors.joining(",")));
		properties.setProperty("levels", String.join(",", ReplicaScenario.LEVELS));
		properties.setProperty(TIMING, this.timing.toString());
		properties.putAll(MachineInfo.describe());
		try (OutputStream stream = Files.newOutputStream(this.out.resolve("replicas.properties"))) {
			properties.store(stream, "Faultline benchmark run: replica scenarios");
		}
		log("replica scenarios written to " + this.out);
	}

	private void runScenario(ReplicaScenario replicaScenario, ReplicaFleet fleet, RequestRecorder recorder,
			CsvWriter events) throws InterruptedException {
		Scenario scenario = replicaScenario.scenario();
		log("scenario " + scenario.name() + " (" + scenario.totalSeconds() + " s of load)");
		ScenarioLoad.run(scenario, fleet.uiUrls(), recorder, events, () -> timeline(replicaScenario, fleet, events),
				this.out.resolve("gatling"), Fleet.READY_WITHIN);
		events.flush();
	}

	/** The fault schedule of one scenario, run beside the load. */
	private void timeline(ReplicaScenario replicaScenario, ReplicaFleet fleet, CsvWriter events) {
		Scenario scenario = replicaScenario.scenario();
		if (!scenario.hasFault()) {
			return;
		}
		String name = scenario.name();
		List<ReplicaFleet.Replica> hit = switch (replicaScenario.target()) {
			case ONE_REPLICA -> List.of(fleet.replicas().get(ReplicaScenario.BROKEN));
			case ALL_REPLICAS -> fleet.replicas();
			case NONE, DATABASE -> List.of();
		};
		try {
			Thread.sleep(scenario.healthySeconds() * 1000L);
			events.row(name, "fault-start", System.currentTimeMillis());
			switch (scenario.fault()) {
				case CHAOS -> {
					for (ReplicaFleet.Replica replica : hit) {
						this.http.change("PUT", replica.managementUrl() + "/chaos/" + scenario.chaos()
								+ (scenario.chaos().contains("?") ? "&" : "?") + "duration=5m");
					}
					Thread.sleep(scenario.faultSeconds() * 1000L);
					for (ReplicaFleet.Replica replica : hit) {
						this.http.change("DELETE", replica.managementUrl() + "/chaos");
					}
				}
				case SIGSTOP -> {
					if (replicaScenario.target() == ReplicaScenario.Target.DATABASE) {
						fleet.database().pause();
						Thread.sleep(scenario.faultSeconds() * 1000L);
						fleet.database().resume();
					}
					else {
						for (ReplicaFleet.Replica replica : hit) {
							replica.process().pause();
						}
						Thread.sleep(scenario.faultSeconds() * 1000L);
						for (ReplicaFleet.Replica replica : hit) {
							replica.process().resume();
						}
					}
				}
				case KILL -> {
					for (ReplicaFleet.Replica replica : hit) {
						replica.process().kill();
						replica.process().launch();
					}
					// The window is the restart: healthy again is each replica's first
					// 200
					// on a direct read.
					for (ReplicaFleet.Replica replica : hit) {
						awaitAnswer(replica);
					}
				}
				case NONE -> {
				}
			}
			events.row(name, "fault-end", System.currentTimeMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitAnswer(ReplicaFleet.Replica replica) throws InterruptedException {
		long deadline = System.currentTimeMillis() + Fleet.READY_WITHIN.toMillis();
		while (this.http.status(replica.apiUrl() + "/api/messages?limit=1", Duration.ofSeconds(1)) != 200) {
			if (System.currentTimeMillis() > deadline) {
				throw new IllegalStateException("The restarted " + replica.process().name() + " never answered; see "
						+ replica.process().log());
			}
			Thread.sleep(100);
		}
	}

	/**
	 * Clears every fault and waits (bounded) until every replica is in rotation again and
	 * the full UI's breaker is closed, nudging them with reads.
	 */
	private void settle(ReplicaFleet fleet, RotationSampler rotation, BreakerSampler breaker)
			throws InterruptedException {
		for (ReplicaFleet.Replica replica : fleet.replicas()) {
			try {
				this.http.change("DELETE", replica.managementUrl() + "/chaos");
			}
			catch (IllegalStateException ex) {
				log("could not clear the chaos faults of " + replica.process().name() + ": " + ex.getMessage());
			}
		}
		if (fleet.database().paused()) {
			fleet.database().resume();
		}
		String fullUi = fleet.uiUrls().get(Levels.FULL);
		long deadline = System.currentTimeMillis() + SETTLE_WITHIN.toMillis();
		while (System.currentTimeMillis() < deadline) {
			Map<String, String> now = rotation.rotation();
			boolean allIn = now.size() == fleet.replicas().size()
					&& now.values().stream().allMatch(IN_ROTATION::equals);
			if (allIn && breaker.state(Levels.FULL).equals("CLOSED")) {
				break;
			}
			this.http.status(fullUi + "/api/feed?level=" + Levels.FULL, Duration.ofSeconds(3));
			Thread.sleep(250);
		}
		Thread.sleep(1000);
	}

	/**
	 * Stops before any load when a scenario named like one of the backend's installs
	 * another fault ({@link ChaosCheck}).
	 */
	private void checkChaos(String managementUrl) {
		List<Scenario> scenarios = this.scenarios.stream().map(ReplicaScenario::scenario).toList();
		this.http.getJson(managementUrl + "/chaos/scenarios", Duration.ofSeconds(5))
			.map((answer) -> ChaosCheck.problems(scenarios, answer))
			.filter((problems) -> !problems.isEmpty())
			.ifPresent((problems) -> {
				throw new IllegalStateException("The replica scenarios differ from the backend's: " + problems);
			});
	}

	private static void log(String message) {
		System.out.println("== benchmark: " + message);
	}

}
