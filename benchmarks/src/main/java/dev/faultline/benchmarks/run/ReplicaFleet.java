package dev.faultline.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.faultline.testsupport.PostgresServer;

/**
 * The services of the replica scenarios: backend replicas on one PostgreSQL (through
 * {@code FAULTLINE_DB_URL}, {@code _USER} and {@code _PASSWORD}, as a deployment points
 * them), each with its own chaos API, and one UI per loaded level with every replica in
 * {@code faultline.backend.replicas}. All on free ports of 127.0.0.1; logs in the output
 * directory.
 */
final class ReplicaFleet implements AutoCloseable {

	private final Path logs;

	private final Http http;

	private final PostgresServer database;

	private final List<Replica> replicas = new ArrayList<>();

	private final Map<String, String> uiUrls = new LinkedHashMap<>();

	private final List<ServiceProcess> uis = new ArrayList<>();

	private final List<Path> dataDirs = new ArrayList<>();

	ReplicaFleet(Fleet.Jars jars, PostgresServer database, int count, Path logs, Http http) throws IOException {
		this.logs = logs;
		this.http = http;
		this.database = database;
		for (int i = 1; i <= count; i++) {
			int apiPort = ServiceProcess.freePort();
			int managementPort = ServiceProcess.freePort();
			// Unused with PostgreSQL, but the H2 default must never point at the working
			// directory.
			Path dataDir = Files.createTempDirectory("faultline-bench-replica-");
			this.dataDirs.add(dataDir);
			String management = "http://127.0.0.1:" + managementPort;
			ServiceProcess process = new ServiceProcess("backend-" + i, jars.backend(),
					List.of("--server.port=" + apiPort, "--management.server.port=" + managementPort,
							"--faultline.data-dir=" + dataDir, "--FAULTLINE_DB_URL=" + database.jdbcUrl(),
							"--FAULTLINE_DB_USER=" + database.username(),
							"--FAULTLINE_DB_PASSWORD=" + database.password()),
					logs.resolve("backend-" + i + ".log"), management + "/actuator/health/readiness");
			this.replicas.add(new Replica(process, apiPort, managementPort));
		}
	}

	/**
	 * Starts the replicas, the first alone (its Flyway migration creates the tables the
	 * others find), then the UIs of the given levels; returns when every one is ready.
	 */
	void start(Fleet.Jars jars, List<String> levels) throws IOException, InterruptedException {
		this.replicas.get(0).process().start(Fleet.READY_WITHIN, this.http);
		for (Replica replica : this.replicas.subList(1, this.replicas.size())) {
			replica.process().launch();
		}
		for (Replica replica : this.replicas.subList(1, this.replicas.size())) {
			replica.process().awaitReady(Fleet.READY_WITHIN, this.http);
		}
		String list = this.replicas.stream().map(Replica::apiUrl).collect(Collectors.joining(","));
		String management = this.replicas.get(0).managementUrl();
		Fleet.startUis(jars, levels,
				(port) -> List.of("--server.port=" + port, "--faultline.backend.replicas=" + list,
						"--faultline.backend.management-url=" + management),
				this.logs, this.http, this.uis, this.uiUrls);
	}

	/** The replicas, in the order of the UIs' list. */
	List<Replica> replicas() {
		return this.replicas;
	}

	PostgresServer database() {
		return this.database;
	}

	/** The base URL of each running UI, by level. */
	Map<String, String> uiUrls() {
		return this.uiUrls;
	}

	@Override
	public void close() {
		this.uis.forEach(ServiceProcess::close);
		this.replicas.forEach((replica) -> replica.process().close());
		this.dataDirs.forEach(ServiceProcess::deleteDirectory);
	}

	/**
	 * One backend replica.
	 *
	 * @param process its JVM
	 * @param apiPort the port of its message API
	 * @param managementPort the port of its actuator and chaos API
	 */
	record Replica(ServiceProcess process, int apiPort, int managementPort) {

		String apiUrl() {
			return "http://127.0.0.1:" + this.apiPort;
		}

		String managementUrl() {
			return "http://127.0.0.1:" + this.managementPort;
		}

		/**
		 * How the UI names it: {@code host:port} of its API, as in the feed's
		 * {@code replica} and the health's {@code replicas}.
		 */
		String name() {
			return "127.0.0.1:" + this.apiPort;
		}

	}

}
