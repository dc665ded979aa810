package dev.faultline.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The services under test: one backend and one UI per level, all on free ports of
 * 127.0.0.1 and all pointed at the same backend, each UI loaded only with its own level
 * so that level none's exhausted threads cannot slow the others. Their logs go to the
 * output directory.
 */
final class Fleet implements AutoCloseable {

	static final Duration READY_WITHIN = Duration.ofSeconds(180);

	private final Http http;

	private final Path logs;

	private final int apiPort;

	private final int managementPort;

	private final Path dataDir;

	private final ServiceProcess backend;

	private final Map<String, String> uiUrls = new LinkedHashMap<>();

	private final List<ServiceProcess> uis = new ArrayList<>();

	Fleet(Jars jars, Path logs, Http http) throws IOException {
		this.http = http;
		this.logs = logs;
		this.apiPort = ServiceProcess.freePort();
		this.managementPort = ServiceProcess.freePort();
		this.dataDir = Files.createTempDirectory("faultline-bench-data");
		this.backend = new ServiceProcess("backend", jars.backend(),
				List.of("--server.port=" + this.apiPort, "--management.server.port=" + this.managementPort,
						"--faultline.data-dir=" + this.dataDir),
				logs.resolve("backend.log"), managementUrl() + "/actuator/health/readiness");
	}

	/** Starts the backend and waits until it is ready. */
	void startBackend() throws IOException, InterruptedException {
		this.backend.start(READY_WITHIN, this.http);
	}

	/** Starts one UI per level, all at once, and waits until each is ready. */
	void startUis(Jars jars, List<String> levels) throws IOException, InterruptedException {
		startUis(jars, levels, this::uiArguments, this.logs, this.http, this.uis, this.uiUrls);
	}

	/**
	 * Starts one UI per level, all at once, each on a free port of 127.0.0.1 with the
	 * given arguments and those {@link SettingsReader} needs, and waits until each is
	 * ready: the fleet's UIs and the replica fleet's alike.
	 * @param arguments the arguments of a UI on the given port
	 * @param uis where each started UI is added, to be stopped
	 * @param uiUrls where each UI's base URL is put, by level
	 */
	static void startUis(Jars jars, List<String> levels, IntFunction<List<String>> arguments, Path logs, Http http,
			List<ServiceProcess> uis, Map<String, String> uiUrls) throws IOException, InterruptedException {
		List<ServiceProcess> started = new ArrayList<>();
		for (String level : levels) {
			int port = ServiceProcess.freePort();
			String url = "http://127.0.0.1:" + port;
			List<String> all = new ArrayList<>(arguments.apply(port));
			all.addAll(SettingsReader.UI_ARGUMENTS);
			ServiceProcess ui = new ServiceProcess("ui-" + level, jars.ui(), all, logs.resolve("ui-" + level + ".log"),
					url + "/actuator/health");
			ui.launch();
			started.add(ui);
			uis.add(ui);
			uiUrls.put(level, url);
		}
		for (ServiceProcess ui : started) {
			ui.awaitReady(READY_WITHIN, http);
		}
	}

	/**
	 * The arguments that point a UI on the given port at this backend (the startup
	 * measurement's UIs take these alone).
	 */
	List<String> uiArguments(int port) {
		return List.of("--server.port=" + port, "--faultline.backend.base-url=" + apiUrl(),
				"--faultline.backend.management-url=" + managementUrl());
	}

	ServiceProcess backend() {
		return this.backend;
	}

	String apiUrl() {
		return "http://127.0.0.1:" + this.apiPort;
	}

	String managementUrl() {
		return "http://127.0.0.1:" + this.managementPort;
	}

	/** The base URL of each running UI, by level, in level order. */
	Map<String, String> uiUrls() {
		return this.uiUrls;
	}

	@Override
	public void close() {
		this.uis.forEach(ServiceProcess::close);
		this.backend.close();
		ServiceProcess.deleteDirectory(this.dataDir);
	}

	/** Where the built fat jars are. */
	record Jars(Path backend, Path ui, Path bare) {

		static Jars in(Path root) {
			return new Jars(root.resolve("backend-service/target/backend-service-0.1.0-SNAPSHOT.jar"),
					root.resolve("ui-service/target/ui-service-0.1.0-SNAPSHOT.jar"),
					root.resolve("benchmarks/bare-app/target/benchmarks-bare-app-0.1.0-SNAPSHOT.jar"));
		}

		void requireBuilt() {
			for (Path jar : List.of(this.backend, this.ui, this.bare)) {
				if (!Files.isRegularFile(jar)) {
					throw new IllegalStateException(jar + " is missing: run scripts/benchmark, which builds it");
				}
			}
		}

	}

}
