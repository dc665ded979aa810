package dev.faultline.benchmarks.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.faultline.testsupport.ChildProcess;

/**
 * One Spring Boot fat jar run as a child process ({@code java -jar}) with the suite's JVM
 * flags, its output appended to a log file: started, waited for (bounded), paused and
 * resumed (SIGSTOP, SIGCONT), killed (SIGKILL), restarted with the same arguments, and
 * stopped. The process itself is test-support's {@link ChildProcess}, as the tests'
 * {@code BackendProcess} is.
 */
final class ServiceProcess implements AutoCloseable {

	/**
	 * The same flags for every JVM the suite starts, so that the services and the bare
	 * app compare fairly.
	 */
	static final List<String> JVM_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC");

	private static final Duration STOP_WITHIN = Duration.ofSeconds(15);

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

	private final String name;

	private final Path jar;

	private final List<String> arguments;

	private final Path log;

	private final String readinessUrl;

	private final List<String> jvmFlags;

	private ChildProcess process;

	private boolean stopOnExit;

	ServiceProcess(String name, Path jar, List<String> arguments, Path log, String readinessUrl) {
		this(name, jar, List.of(), arguments, log, readinessUrl);
	}

	/**
	 * A process with JVM flags added to the suite's own, such as a class data sharing
	 * archive.
	 */
	ServiceProcess(String name, Path jar, List<String> extraJvmFlags, List<String> arguments, Path log,
			String readinessUrl) {
		this.jvmFlags = List.copyOf(extraJvmFlags);
		this.name = name;
		this.jar = jar;
		this.arguments = List.copyOf(arguments);
		this.log = log;
		this.readinessUrl = readinessUrl;
	}

	/** Launches the process without waiting for it. */
	void launch() {
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_FLAGS);
		command.addAll(this.jvmFlags);
		command.add("-jar");
		command.add(this.jar.toString());
		command.addAll(this.arguments);
		command.add("--spring.main.banner-mode=off");
		if (!this.stopOnExit) {
			// Ctrl-C or a crash of the suite must not leave a JVM listening behind it.
			Runtime.getRuntime().addShutdownHook(new Thread(this::close, "stop-" + this.name));
			this.stopOnExit = true;
		}
		this.process = ChildProcess.start(this.name, command, this.log);
	}

	/**
	 * Waits until the readiness URL answers 200; returns the time from launch to that
	 * answer. A process not ready in time is killed.
	 */
	Duration awaitReady(Duration within, Http http) {
		return this.process.awaitReady(within, Duration.ofMillis(100),
				() -> http.status(this.readinessUrl, Duration.ofSeconds(1)) == 200);
	}

	/** Launches and waits. */
	Duration start(Duration within, Http http) {
		launch();
		return awaitReady(within, http);
	}

	/** SIGSTOP: the process freezes, as in a long GC pause. */
	void pause() {
		this.process.pause();
	}

	/** SIGCONT after {@link #pause()}. */
	void resume() {
		this.process.resume();
	}

	/** SIGKILL, and waits (bounded) for the process to be gone. */
	void kill() {
		this.process.kill();
	}

	/**
	 * Resident memory from {@code /proc/<pid>/status}, in kB, or -1 where there is no
	 * such file.
	 */
	long rssKb() {
		try {
			for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(this.process.pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
		return -1;
	}

	/**
	 * Spring's own "Started ... in X seconds" figure from the last start in the log, if
	 * it is there.
	 */
	OptionalDouble reportedStartSeconds() {
		try {
			Matcher matcher = STARTED.matcher(Files.readString(this.log));
			double last = -1;
			while (matcher.find()) {
				last = Double.parseDouble(matcher.group(1));
			}
			return (last < 0) ? OptionalDouble.empty() : OptionalDouble.of(last);
		}
		catch (IOException ex) {
			return OptionalDouble.empty();
		}
	}

	String name() {
		return this.name;
	}

	Path log() {
		return this.log;
	}

	/**
	 * Stops the process: SIGCONT first when paused (a stopped JVM cannot shut down), then
	 * SIGTERM, then SIGKILL after 15 s.
	 */
	@Override
	public void close() {
		if (this.process != null) {
			this.process.stop(STOP_WITHIN);
		}
	}

	/**
	 * Deletes a throw-away data directory; one left behind is harmless, so failures are
	 * ignored.
	 */
	static void deleteDirectory(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// Left for the OS to clean up with the rest of the temp directory.
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
