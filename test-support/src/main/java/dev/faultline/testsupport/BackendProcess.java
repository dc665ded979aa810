package dev.faultline.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real backend, run from its fat jar as a child process on free ports with a
 * throw-away data directory, for end-to-end tests. The two services cannot share one
 * classpath (each has its own {@code application.yml}), so the backend runs beside the
 * test JVM, exactly as in production.
 *
 * <p>
 * The jar is {@code ../backend-service/target/backend-service-*.jar}, built by
 * {@code package} before the {@code *IT} classes run (in the backend's own module, or
 * earlier in the same reactor for the UI's); {@code -Dfaultline.e2e.backend-jar=...}
 * points elsewhere. The process is destroyed by {@link #close()} and, as a safety net,
 * when the test JVM exits.
 */
public final class BackendProcess implements AutoCloseable {

	/**
	 * System property naming another backend jar, such as one built from a branch with
	 * more features.
	 */
	public static final String JAR_PROPERTY = "faultline.e2e.backend-jar";

	private static final Duration READY_WITHIN = Duration.ofSeconds(90);

	private static final Duration STOP_WITHIN = Duration.ofSeconds(15);

	private final Path jar;

	private final int apiPort;

	private final int managementPort;

	private final Path dataDir;

	private final Path log;

	private final TestHttp api;

	private final TestHttp management;

	private final List<String> arguments;

	private ChildProcess process;

	private BackendProcess(Path jar, List<String> arguments) {
		this.jar = jar;
		this.arguments = List.copyOf(arguments);
		this.apiPort = FreePorts.any();
		this.managementPort = FreePorts.any();
		try {
			this.dataDir = Files.createTempDirectory("faultline-e2e-data");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.log = Paths.get("target", "backend-e2e-" + this.apiPort + ".log").toAbsolutePath();
		this.api = TestHttp.to(apiUrl());
		this.management = TestHttp.to(managementUrl());
	}

	/** The backend's fat jar, if it has been built. */
	public static Optional<Path> findJar() {
		String configured = System.getProperty(JAR_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Paths.get(configured)).filter(Files::isRegularFile);
		}
		Path target = Paths.get("..", "backend-service", "target");
		if (!Files.isDirectory(target)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith("backend-service-") && name.endsWith(".jar") && !name.endsWith("-sources.jar")
						&& !name.endsWith("-plain.jar");
			}).findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Starts the backend from its jar, or skips the test class when the jar has not been
	 * built (test-support's {@code SkippedTestsReport} prints why). The {@code *IT}
	 * classes that call this run in {@code verify}, after {@code backend-service} was
	 * packaged earlier in the same reactor.
	 */
	public static BackendProcess startOrSkip(Class<?> testClass, String... arguments) {
		return start(jarOrSkip(testClass), arguments);
	}

	/**
	 * The backend's jar, or a skipped test class when it has not been built, as
	 * {@link #startOrSkip} says.
	 */
	public static Path jarOrSkip(Class<?> testClass) {
		Optional<Path> jar = findJar();
		assumeTrue(jar.isPresent(), () -> testClass.getSimpleName() + " needs the backend jar in "
				+ "../backend-service/target: run ./mvnw verify from the repository root");
		return jar.get();
	}

	/**
	 * Starts the backend from the jar with these extra arguments (such as
	 * {@code --FAULTLINE_DB_URL=...}) and waits (bounded) until it is ready.
	 */
	public static BackendProcess start(Path jar, String... arguments) {
		BackendProcess backend = new BackendProcess(jar, List.of(arguments));
		Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "backend-process-stop"));
		backend.startProcess();
		return backend;
	}

	/**
	 * Starts {@code count} backends from the jar with the same arguments (on one shared
	 * database, say): the first alone, so that it runs the migrations, the others side by
	 * side. Each is ready when this returns.
	 */
	public static List<BackendProcess> startReplicas(Path jar, int count, String... arguments) {
		List<BackendProcess> replicas = new ArrayList<>();
		replicas.add(start(jar, arguments));
		List<CompletableFuture<BackendProcess>> others = new ArrayList<>();
		for (int i = 1; i < count; i++) {
			others.add(CompletableFuture.supplyAsync(() -> start(jar, arguments)));
		}
		try {
			for (CompletableFuture<BackendProcess> other : others) {
				replicas.add(other.join());
			}
		}
		catch (RuntimeException ex) {
			replicas.forEach(BackendProcess::close);
			others.forEach((other) -> other.thenAccept(BackendProcess::close));
			throw ex;
		}
		return replicas;
	}

	/**
	 * Stops the backend (SIGTERM, then SIGKILL after 15 s; a paused one is resumed
	 * first): its ports refuse connections afterwards.
	 */
	public void stop() {
		if (this.process != null) {
			this.process.stop(STOP_WITHIN);
			this.process = null;
		}
	}

	/**
	 * Kills the backend as the kernel's OOM killer or {@code docker kill} does: SIGKILL,
	 * no shutdown hook, nothing flushed. Its ports refuse connections afterwards.
	 */
	public void kill() {
		if (this.process != null) {
			this.process.kill();
			this.process = null;
		}
	}

	/**
	 * Stops the process where it is (SIGSTOP), as a long GC pause, a frozen VM or
	 * {@code docker pause} does: connections are still accepted by the kernel, and never
	 * answered until {@link #resume()}.
	 */
	public void pause() {
		running().pause();
	}

	/** Lets a {@link #pause() paused} process run again (SIGCONT). */
	public void resume() {
		running().resume();
	}

	/**
	 * Brings the backend back to running, whatever was done to it: resumes it when
	 * paused, starts it again when killed or stopped.
	 */
	public void revive() {
		if (this.process != null && this.process.paused()) {
			this.process.resume();
		}
		if (this.process == null || !this.process.isAlive()) {
			startProcess();
		}
	}

	/** Starts the backend again on the same ports and data. */
	public void restart() {
		stop();
		startProcess();
	}

	/** The backend's log file (its standard output and error). */
	public Path log() {
		return this.log;
	}

	/** The API root, for {@code faultline.backend.base-url}. */
	public String apiUrl() {
		return "http://localhost:" + this.apiPort;
	}

	/** The management root: actuator and, where built in, the chaos API. */
	public String managementUrl() {
		return "http://localhost:" + this.managementPort;
	}

	/** A client for the API port. */
	public TestHttp api() {
		return this.api;
	}

	/**
	 * Sends a request without a body to the management port and returns the status, or -1
	 * when nothing answers.
	 */
	public int management(String method, String path) {
		try {
			return this.management.send(method, path, null).statusCode();
		}
		catch (UncheckedIOException ex) {
			return -1;
		}
	}

	@Override
	public void close() {
		stop();
		try (Stream<Path> files = Files.walk(this.dataDir)) {
			files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException | UncheckedIOException ex) {
			// A temp directory left behind is harmless.
		}
	}

	private ChildProcess running() {
		if (this.process == null) {
			throw new IllegalStateException("The backend is not running");
		}
		return this.process;
	}

	private void startProcess() {
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-jar");
		command.add(this.jar.toString());
		command.add("--server.port=" + this.apiPort);
		command.add("--management.server.port=" + this.managementPort);
		command.add("--faultline.data-dir=" + this.dataDir);
		command.add("--spring.main.banner-mode=off");
		command.addAll(this.arguments);
		this.process = ChildProcess.start("The backend", command, this.log);
		try {
			this.process.awaitReady(READY_WITHIN, Duration.ofMillis(250),
					() -> management("GET", "/actuator/health/readiness") == 200);
		}
		catch (IllegalStateException ex) {
			this.process = null;
			throw ex;
		}
	}

}
