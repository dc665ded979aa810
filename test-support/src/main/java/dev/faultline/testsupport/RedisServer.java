package dev.faultline.testsupport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real Redis for tests: Debian's {@code /usr/bin/redis-server} as a child process on a
 * free loopback port, with its own temporary directory, an append-only file and no RDB
 * snapshots. It can be stopped and restarted on the same port and directory (the AOF
 * survives), paused with {@code SIGSTOP} to play a Redis that hangs, and resumed.
 * <p>
 * Every wait is bounded, and the process never outlives the JVM: {@link #close()} kills
 * it, and a shutdown hook does the same for a test that forgets to.
 */
public final class RedisServer implements AutoCloseable {

	/** Where Debian's {@code redis-server} package installs the server. */
	public static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");

	private static final String HOST = "127.0.0.1";

	/** Longest wait for a started server to answer, or a stopped one to exit. */
	private static final Duration WAIT = Duration.ofSeconds(10);

	/** How often a starting server is asked whether it is up. */
	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	/** One answer while waiting: a live local Redis answers a PING in microseconds. */
	private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

	/** How often a free port is picked again when another process took it first. */
	private static final int PORT_ATTEMPTS = 3;

	private final Path dir;

	private final Thread shutdownHook;

	// Volatile: read without the lock by command() and by the shutdown hook, which
	// must never wait for a test thread that holds the lock.
	private volatile int port;

	private volatile ChildProcess process;

	private RedisServer(Path dir) {
		this.dir = dir;
		this.shutdownHook = new Thread(this::killOnExit, "redis-server-" + dir.getFileName() + "-killer");
	}

	/** Whether Debian's {@code redis-server} is installed, so that a test can run. */
	public static boolean installed() {
		return Files.isExecutable(EXECUTABLE);
	}

	/**
	 * Starts a server on a free port and returns once it answers {@code PING}.
	 * @throws IllegalStateException when it is not installed or does not answer within 10
	 * s (the message holds its log)
	 */
	public static RedisServer start() {
		if (!installed()) {
			throw new IllegalStateException(EXECUTABLE + " is not installed (Debian package redis-server)");
		}
		RedisServer server;
		try {
			server = new RedisServer(Files.createTempDirectory("faultline-redis-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime().addShutdownHook(server.shutdownHook);
		try {
			server.startOnFreePort();
			return server;
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/**
	 * Starts a server for the given test class, or skips the test (a JUnit assumption,
	 * whose reason {@link SkippedTestsReport} prints) when {@code redis-server} is not
	 * installed.
	 */
	public static RedisServer startOrSkip(Class<?> testClass) {
		Assumptions.assumeTrue(installed(),
				() -> testClass.getSimpleName() + " needs " + EXECUTABLE + " (apt-get install redis-server)");
		return start();
	}

	/** The port the server listens on; the same after {@link #restart()}. */
	public int port() {
		return this.port;
	}

	/** The address the server listens on: always the IPv4 loopback. */
	public String host() {
		return HOST;
	}

	/** The server's log file, in its temporary directory. */
	public Path log() {
		return this.dir.resolve("redis.log");
	}

	/**
	 * Stops the server gracefully ({@code SIGTERM}: Redis flushes its AOF, then exits)
	 * and waits for it to exit, killing it after 10 s. A paused server is resumed first,
	 * or it could not act on the signal.
	 */
	public synchronized void stop() {
		if (this.process != null) {
			this.process.stop(WAIT);
			this.process = null;
		}
	}

	/**
	 * Stops the server gracefully and starts it again on the same port with the same
	 * directory, so what reached the AOF is still there; returns once it answers.
	 */
	public synchronized void restart() {
		stop();
		launch();
		awaitReady();
	}

	/**
	 * Freezes the process ({@code SIGSTOP}): connections are still accepted by the
	 * kernel, but nothing is answered until {@link #resume()}, as with a Redis that
	 * hangs.
	 */
	public synchronized void pause() {
		running().pause();
	}

	/** Lets a paused process run again ({@code SIGCONT}). */
	public synchronized void resume() {
		running().resume();
	}

	/**
	 * Whether the server answers {@code PING} with {@code PONG} within the timeout (for
	 * connecting and for the answer each).
	 */
	public boolean ping(Duration timeout) {
		try {
			return "PONG".equals(call(timeout, "PING"));
		}
		catch (IOException | IllegalStateException ex) {
			return false;
		}
	}

	/**
	 * Sends one command on a fresh connection and returns the reply as text: a simple or
	 * bulk string as it is, an integer in decimal, a nil as {@code null}, an array as its
	 * elements in brackets. Waits at most 5 s, so that a paused server fails the call
	 * instead of stalling the test.
	 * @throws IllegalStateException when Redis answers with an error, or the connection
	 * fails
	 */
	public String command(String... args) {
		try {
			return call(Duration.ofSeconds(5), args);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Redis on port " + this.port + " did not answer " + args[0], ex);
		}
	}

	/** Kills the server ({@code SIGKILL}, even when paused) and deletes its directory. */
	@Override
	public synchronized void close() {
		kill();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// The JVM is already shutting down: the hook is running or has run.
		}
		deleteDirectory();
	}

	@Override
	public String toString() {
		return "RedisServer[" + HOST + ":" + this.port + ", " + this.dir + "]";
	}

	private void startOnFreePort() {
		for (int attempt = 1;; attempt++) {
			this.port = FreePorts.on(HOST);
			launch();
			try {
				awaitReady();
				return;
			}
			catch (IllegalStateException ex) {
				// Between closing the probe socket and redis-server's bind, another
				// process may take the port.
				boolean portTaken = readLog().contains("Address already in use");
				if (!portTaken || attempt == PORT_ATTEMPTS) {
					throw ex;
				}
				kill();
			}
		}
	}

	private void launch() {
		List<String> command = List.of(EXECUTABLE.toString(), "--port", String.valueOf(this.port), "--bind", HOST,
				"--dir", this.dir.toString(), "--logfile", log().toString(), "--appendonly", "yes", "--appendfsync",
				"everysec", "--save", "", "--protected-mode", "no", "--daemonize", "no");
		// Output before the log file is opened (bad arguments) still lands in the
		// directory.
		this.process = ChildProcess.start("redis-server", command, this.dir.resolve("redis.out"));
	}

	private void awaitReady() {
		try {
			// Our process, not another server that happens to hold the port: INFO names
			// the process id.
			this.process.awaitReady(WAIT, POLL_INTERVAL, () -> ping(POLL_TIMEOUT) && isOurs());
		}
		catch (IllegalStateException ex) {
			kill();
			throw new IllegalStateException(ex.getMessage() + ":\n" + readLog(), ex);
		}
	}

	private boolean isOurs() {
		try {
			String info = call(POLL_TIMEOUT, "INFO", "server");
			return info != null && info.contains("process_id:" + this.process.pid() + "\r\n");
		}
		catch (IOException | IllegalStateException ex) {
			return false;
		}
	}

	private ChildProcess running() {
		if (this.process == null || !this.process.isAlive()) {
			throw new IllegalStateException("redis-server is not running");
		}
		return this.process;
	}

	private void killOnExit() {
		ChildProcess running = this.process;
		if (running != null) {
			// SIGKILL reaches a paused process too; a SIGTERM would wait for a SIGCONT
			// that never comes.
			running.kill();
		}
		deleteDirectory();
	}

	private synchronized void kill() {
		if (this.process != null) {
			this.process.kill();
			this.process = null;
		}
	}

	private void deleteDirectory() {
		if (!Files.exists(this.dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(this.dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// A temporary directory left behind is not worth failing a test for.
		}
	}

	private String readLog() {
		StringBuilder text = new StringBuilder();
		for (Path file : List.of(this.dir.resolve("redis.out"), log())) {
			try {
				if (Files.exists(file)) {
					List<String> lines = Files.readAllLines(file);
					lines.subList(Math.max(0, lines.size() - 30), lines.size())
						.forEach((line) -> text.append(line).append('\n'));
				}
			}
			catch (IOException ex) {
				text.append("(could not read ").append(file).append(": ").append(ex.getMessage()).append(")\n");
			}
		}
		return text.toString();
	}

	private String call(Duration timeout, String... args) throws IOException {
		int millis = (int) timeout.toMillis();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), millis);
			socket.setSoTimeout(millis);
			OutputStream out = socket.getOutputStream();
			out.write(Resp.encode(args));
			out.flush();
			return Resp.read(new BufferedInputStream(socket.getInputStream()));
		}
	}

}
