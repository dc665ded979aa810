package dev.faultline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL for tests: Debian's server ({@code initdb} and {@code postgres} from
 * {@code pg_config --bindir}, such as {@code /usr/lib/postgresql/15/bin}) as a child
 * process on a free loopback port, with a cluster of its own in a temporary directory and
 * its unix socket there too, never the system's. It has one database, {@value #DATABASE},
 * owned by the user {@value #USER}, who logs in over TCP with a password
 * ({@code scram-sha-256}), as an application does.
 * <p>
 * It can be stopped and restarted on the same port and directory (what was committed is
 * still there), and paused with {@code SIGSTOP}, the server and every process it forked,
 * to play a database that hangs: the kernel still accepts connections, but nothing is
 * answered until {@link #resume()}.
 * <p>
 * PostgreSQL refuses to run as root. When this JVM is root (as in CI and in containers),
 * every PostgreSQL program runs as the {@code postgres} user that Debian's package
 * creates, through {@code setpriv}, which changes the user and then replaces itself with
 * the program, so that the child process is the server itself and signals reach it; the
 * temporary directory is then owned by {@code postgres}.
 * <p>
 * Every wait is bounded, and the process never outlives the JVM: {@link #close()} stops
 * it (killing it when it does not stop in time), and a shutdown hook kills it for a test
 * that forgets to.
 */
public final class PostgresServer implements AutoCloseable {

	/** The database that {@link #start()} creates. */
	public static final String DATABASE = "faultline";

	/** The superuser that owns the cluster and the database. */
	public static final String USER = "faultline";

	/** The operating-system user that runs PostgreSQL when the JVM runs as root. */
	private static final String OS_USER = "postgres";

	private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

	private static final String HOST = "127.0.0.1";

	/**
	 * Longest wait for a started server to accept connections, or a stopped one to exit.
	 */
	private static final Duration WAIT = Duration.ofSeconds(20);

	/**
	 * Longest wait for initdb: it writes a whole cluster, a few seconds on a slow disk.
	 */
	private static final Duration INITDB_WAIT = Duration.ofSeconds(60);

	/** Longest wait for a small helper program (pg_config, createdb, kill). */
	private static final Duration TOOL_WAIT = Duration.ofSeconds(10);

	/** How often a starting server is looked at. */
	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	/** How often a free port is picked again when another process took it first. */
	private static final int PORT_ATTEMPTS = 3;

	private final Path bin;

	private final Path dir;

	private final boolean asOsUser;

	private final String password;

	private final Thread shutdownHook;

	// Volatile: read without the lock by the shutdown hook, which must never wait for a
	// test thread that holds the lock.
	private volatile int port;

	private volatile ChildProcess process;

	private PostgresServer(Path bin, Path dir, boolean asOsUser) {
		this.bin = bin;
		this.dir = dir;
		this.asOsUser = asOsUser;
		byte[] secret = new byte[16];
		new SecureRandom().nextBytes(secret);
		this.password = HexFormat.of().formatHex(secret);
		this.shutdownHook = new Thread(this::killOnExit, "postgres-" + dir.getFileName() + "-killer");
	}

	/**
	 * Why PostgreSQL cannot run here, or empty when it can: its programs are installed
	 * and, when the JVM is root, so are the {@code postgres} user and {@code setpriv}.
	 */
	public static Optional<String> missing() {
		Optional<Path> bin = binDirectory();
		if (bin.isEmpty()) {
			return Optional.of("no PostgreSQL server: neither pg_config --bindir nor /usr/lib/postgresql/*/bin"
					+ " has initdb and postgres (apt-get install postgresql)");
		}
		if (isRoot()) {
			if (!Files.isExecutable(SETPRIV)) {
				return Optional.of("PostgreSQL refuses to run as root, and " + SETPRIV
						+ " (util-linux) is missing to run it as " + OS_USER);
			}
			if (osUser().isEmpty()) {
				return Optional.of("PostgreSQL refuses to run as root, and there is no " + OS_USER
						+ " user to run it as (Debian's postgresql package creates one)");
			}
		}
		return Optional.empty();
	}

	/** Whether PostgreSQL can run here, so that a test can run. */
	public static boolean installed() {
		return missing().isEmpty();
	}

	/**
	 * Creates a cluster, starts a server on a free port and returns once the database
	 * {@value #DATABASE} exists.
	 * @throws IllegalStateException when it is not installed or does not start in time
	 * (the message holds its log)
	 */
	public static PostgresServer start() {
		Optional<String> missing = missing();
		if (missing.isPresent()) {
			throw new IllegalStateException(missing.get());
		}
		PostgresServer server;
		try {
			server = new PostgresServer(binDirectory().orElseThrow(), Files.createTempDirectory("faultline-postgres-"),
					isRoot());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime().addShutdownHook(server.shutdownHook);
		try {
			server.initialize();
			server.startOnFreePort();
			server.createDatabase();
			return server;
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/**
	 * Starts a server for the given test class, or skips the test (a JUnit assumption,
	 * whose reason {@link SkippedTestsReport} prints) when PostgreSQL cannot run here.
	 */
	public static PostgresServer startOrSkip(Class<?> testClass) {
		Optional<String> missing = missing();
		Assumptions.assumeTrue(missing.isEmpty(),
				() -> testClass.getSimpleName() + " needs a PostgreSQL server: " + missing.orElse(""));
		return start();
	}

	/** The JDBC URL of the database, on the loopback address and this server's port. */
	public String jdbcUrl() {
		return "jdbc:postgresql://" + HOST + ":" + this.port + "/" + DATABASE;
	}

	/** The user to log in as: {@value #USER}. */
	public String username() {
		return USER;
	}

	/** The user's password, random for each server. */
	public String password() {
		return this.password;
	}

	/** The port the server listens on; the same after {@link #restart()}. */
	public int port() {
		return this.port;
	}

	/** The address the server listens on: always the IPv4 loopback. */
	public String host() {
		return HOST;
	}

	/** The server's log (its standard output and error), in its temporary directory. */
	public Path log() {
		return this.dir.resolve("postgres.log");
	}

	/**
	 * Stops the server with a fast shutdown ({@code SIGINT}: open sessions are ended and
	 * their transactions rolled back, committed data is written) and waits for it to
	 * exit, killing it and its processes after 20 s. A paused server is resumed first, or
	 * it could not act on the signal.
	 */
	public synchronized void stop() {
		if (this.process != null) {
			this.process.stop("INT", WAIT);
			this.process = null;
		}
	}

	/**
	 * Stops the server and starts it again on the same port with the same cluster, so
	 * that what was committed is still there; returns once it accepts connections.
	 */
	public synchronized void restart() {
		stop();
		launch();
		awaitReady();
	}

	/**
	 * Freezes the server and every process it forked ({@code SIGSTOP}): the kernel still
	 * accepts connections, but nothing is answered, not even on connections already open,
	 * until {@link #resume()}, as with a database that hangs.
	 */
	public synchronized void pause() {
		running().pause();
	}

	/** Lets a paused server and its processes run again ({@code SIGCONT}). */
	public synchronized void resume() {
		running().resume();
	}

	/** Whether the server is paused. */
	public synchronized boolean paused() {
		return this.process != null && this.process.paused();
	}

	/**
	 * Whether the server accepts a TCP connection and answers the start of a session
	 * within the timeout: a paused server accepts, but does not answer.
	 */
	public boolean answers(Duration timeout) {
		int millis = (int) timeout.toMillis();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), millis);
			socket.setSoTimeout(millis);
			// An SSLRequest: eight bytes, to which a server answers with one byte, 'S' or
			// 'N', before anything else.
			socket.getOutputStream().write(new byte[] { 0, 0, 0, 8, 4, (byte) 210, 22, 47 });
			socket.getOutputStream().flush();
			int answer = socket.getInputStream().read();
			return answer == 'N' || answer == 'S';
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Stops the server (killing it, even when paused, if it does not stop in 20 s) and
	 * deletes its directory.
	 */
	@Override
	public synchronized void close() {
		try {
			stop();
		}
		catch (RuntimeException ex) {
			kill();
		}
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
		return "PostgresServer[" + HOST + ":" + this.port + ", " + this.dir + "]";
	}

	private void initialize() {
		try {
			Path passwordFile = this.dir.resolve("password");
			Files.writeString(passwordFile, this.password + "\n", StandardCharsets.UTF_8);
			Files.createDirectories(socketDirectory());
			if (this.asOsUser) {
				UserPrincipal owner = osUser().orElseThrow();
				try (Stream<Path> paths = Files.walk(this.dir)) {
					for (Path path : paths.toList()) {
						Files.setOwner(path, owner);
					}
				}
			}
			// Local (unix socket) sessions are trusted: only createdb uses the socket,
			// and the directory is this server's own. TCP logins need the password.
			run(INITDB_WAIT, "initdb", "--pgdata=" + dataDirectory(), "--username=" + USER, "--pwfile=" + passwordFile,
					"--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync",
					"--no-instructions");
			Files.delete(passwordFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare " + this.dir, ex);
		}
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
				// Between closing the probe socket and the server's bind, another process
				// may take the port.
				boolean portTaken = readLog().contains("Address already in use");
				if (!portTaken || attempt == PORT_ATTEMPTS) {
					throw ex;
				}
				kill();
			}
		}
	}

	private void launch() {
		// fsync off: nothing here must survive a power cut, and tests run faster. A
		// commit is still written to the operating system before it returns
		// (synchronous_commit stays on), so it survives kill -9 of the server.
		List<String> command = command("postgres", "-D", dataDirectory().toString(), "-c", "listen_addresses=" + HOST,
				"-c", "port=" + this.port, "-c", "unix_socket_directories=" + socketDirectory(), "-c", "fsync=off",
				"-c", "full_page_writes=off", "-c", "shared_buffers=16MB", "-c", "max_connections=60", "-c",
				"logging_collector=off");
		this.process = ChildProcess.start("postgres", builder(command), log());
	}

	/**
	 * Waits until the server writes "ready" in its {@code postmaster.pid}, next to its
	 * own process id: then it accepts connections, and on our port, not another server
	 * that happens to hold it.
	 */
	private void awaitReady() {
		try {
			this.process.awaitReady(WAIT, POLL_INTERVAL, this::isReady);
		}
		catch (IllegalStateException ex) {
			kill();
			throw new IllegalStateException(ex.getMessage() + ":\n" + readLog(), ex);
		}
	}

	private boolean isReady() {
		try {
			List<String> lines = Files.readAllLines(dataDirectory().resolve("postmaster.pid"));
			return lines.size() >= 8 && lines.get(0).trim().equals(String.valueOf(this.process.pid()))
					&& lines.get(3).trim().equals(String.valueOf(this.port)) && lines.get(7).trim().equals("ready");
		}
		catch (IOException ex) {
			// Not written yet, or being rewritten.
			return false;
		}
	}

	private void createDatabase() {
		run(TOOL_WAIT, "createdb", "--host=" + socketDirectory(), "--port=" + this.port, "--username=" + USER,
				DATABASE);
	}

	/** Runs one of PostgreSQL's programs to its end; its output goes to the log. */
	private void run(Duration timeout, String program, String... args) {
		List<String> command = new ArrayList<>(command(program));
		command.addAll(List.of(args));
		Path output = this.dir.resolve(program + ".log");
		ChildProcess tool = ChildProcess.start(program, builder(command), output);
		if (!tool.awaitExit(timeout)) {
			tool.kill();
			throw new IllegalStateException(
					program + " did not finish within " + timeout.toSeconds() + " s:\n" + tail(output));
		}
		if (tool.exitValue() != 0) {
			throw new IllegalStateException(program + " failed with " + tool.exitValue() + ":\n" + tail(output));
		}
	}

	/** The program from the server's bin directory, as the postgres user when root. */
	private List<String> command(String program, String... args) {
		List<String> command = new ArrayList<>();
		if (this.asOsUser) {
			command
				.addAll(List.of(SETPRIV.toString(), "--reuid=" + OS_USER, "--regid=" + OS_USER, "--init-groups", "--"));
		}
		command.add(this.bin.resolve(program).toString());
		command.addAll(List.of(args));
		return command;
	}

	private ProcessBuilder builder(List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.dir.toFile());
		// PGHOST, PGPORT, PGDATA and the like from the caller's environment must not
		// point the programs at another server.
		builder.environment().keySet().removeIf((name) -> name.startsWith("PG"));
		builder.environment().put("LC_ALL", "C");
		return builder;
	}

	private ChildProcess running() {
		if (this.process == null || !this.process.isAlive()) {
			throw new IllegalStateException("postgres is not running");
		}
		return this.process;
	}

	private void killOnExit() {
		// SIGKILL reaches a paused process too; a SIGINT would wait for a SIGCONT that
		// never comes.
		ChildProcess running = this.process;
		if (running != null) {
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

	private Path dataDirectory() {
		return this.dir.resolve("data");
	}

	private Path socketDirectory() {
		return this.dir.resolve("socket");
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
		return tail(log());
	}

	private static String tail(Path file) {
		try {
			if (!Files.exists(file)) {
				return "(no " + file.getFileName() + ")\n";
			}
			List<String> lines = Files.readAllLines(file);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
		}
		catch (IOException ex) {
			return "(could not read " + file + ": " + ex.getMessage() + ")\n";
		}
	}

	/**
	 * The directory with initdb and postgres: what {@code pg_config --bindir} says
	 * (Debian's {@code libpq-dev} puts pg_config on the path), else the newest
	 * {@code /usr/lib/postgresql/<version>/bin} (Debian's server package).
	 */
	private static Optional<Path> binDirectory() {
		return BinDirectory.FOUND;
	}

	private static Optional<Path> findBinDirectory() {
		Optional<Path> configured = pgConfigBinDirectory().filter(PostgresServer::hasServer);
		if (configured.isPresent()) {
			return configured;
		}
		Path versions = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(versions)) {
			return Optional.empty();
		}
		try (Stream<Path> installed = Files.list(versions)) {
			return installed.filter((version) -> version.getFileName().toString().matches("\\d+"))
				.sorted(Comparator.comparingInt((Path version) -> Integer.parseInt(version.getFileName().toString()))
					.reversed())
				.map((version) -> version.resolve("bin"))
				.filter(PostgresServer::hasServer)
				.findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static Optional<Path> pgConfigBinDirectory() {
		Path output = null;
		try {
			// Into a file, not a pipe: reading a pipe could wait without a bound.
			output = Files.createTempFile("faultline-pg-config-", ".out");
			ChildProcess pgConfig = ChildProcess.start("pg_config", List.of("pg_config", "--bindir"), output);
			if (!pgConfig.awaitExit(TOOL_WAIT)) {
				pgConfig.kill();
				return Optional.empty();
			}
			String bindir = Files.readString(output).trim();
			return (pgConfig.exitValue() == 0 && !bindir.isEmpty()) ? Optional.of(Path.of(bindir)) : Optional.empty();
		}
		catch (IOException | UncheckedIOException ex) {
			// Not on the path.
			return Optional.empty();
		}
		finally {
			if (output != null) {
				output.toFile().delete();
			}
		}
	}

	private static boolean hasServer(Path bin) {
		return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres"))
				&& Files.isExecutable(bin.resolve("createdb"));
	}

	private static boolean isRoot() {
		try {
			// /proc/self belongs to the process's effective user.
			return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return "root".equals(System.getProperty("user.name"));
		}
	}

	private static Optional<UserPrincipal> osUser() {
		try {
			return Optional
				.of(Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** Looked up once per JVM: what is installed does not change while tests run. */
	private static final class BinDirectory {

		static final Optional<Path> FOUND = findBinDirectory();

		private BinDirectory() {
		}

	}

}
