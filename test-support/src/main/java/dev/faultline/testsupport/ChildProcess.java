package dev.faultline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * One program run as a child process of this JVM, its standard output and error appended
 * to a log file, with every wait bounded: waited for until it is ready, stopped (a
 * signal, then {@code SIGKILL} when it does not exit in time), killed, paused
 * ({@code SIGSTOP}) and resumed. Signals reach the process and every process it forked,
 * so that a server that forks (PostgreSQL, Redis rewriting its AOF) is frozen or killed
 * as a whole.
 * <p>
 * What the process is for (its command line, its ports, its data) belongs to the caller:
 * {@link BackendProcess}, {@link RedisServer}, {@link PostgresServer} and the benchmarks'
 * services each start one of these. A stopped or killed process is not started again; the
 * caller starts a new one with the same command.
 */
public final class ChildProcess {

	/** Longest wait for {@code SIGKILL} to end a process, and for {@code kill} itself. */
	private static final Duration KILL_WAIT = Duration.ofSeconds(10);

	private final String name;

	private final Process process;

	private final Path log;

	private final long startedAtNanos;

	private volatile boolean paused;

	private ChildProcess(String name, Process process, Path log, long startedAtNanos) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.startedAtNanos = startedAtNanos;
	}

	/**
	 * Starts the command, its output and errors appended to the log file (created with
	 * its directory), and returns at once.
	 * @param name what messages call the process, such as {@code redis-server}
	 * @param builder the command, with its working directory and environment
	 * @param log where its output goes
	 */
	public static ChildProcess start(String name, ProcessBuilder builder, Path log) {
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			long startedAt = System.nanoTime();
			Process process = builder.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			return new ChildProcess(name, process, log, startedAt);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + " (" + builder.command().get(0) + ")", ex);
		}
	}

	/** Starts the command as {@link #start(String, ProcessBuilder, Path)} does. */
	public static ChildProcess start(String name, List<String> command, Path log) {
		return start(name, new ProcessBuilder(command), log);
	}

	/** What messages call the process. */
	public String name() {
		return this.name;
	}

	/** The file its output and errors are appended to. */
	public Path log() {
		return this.log;
	}

	/** Its process id. */
	public long pid() {
		return this.process.pid();
	}

	/** Whether it is still running (paused counts as running). */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Its exit code.
	 * @throws IllegalThreadStateException while it runs
	 */
	public int exitValue() {
		return this.process.exitValue();
	}

	/** Whether it was {@link #pause() paused} and not resumed since. */
	public boolean paused() {
		return this.paused;
	}

	/**
	 * Waits until {@code ready} holds, polling every {@code pollInterval}, and returns
	 * the time from the start of the process to that moment. A process that is not ready
	 * in time is killed.
	 * @throws IllegalStateException when the process exits first or is not ready within
	 * the bound; the message names the log
	 */
	public Duration awaitReady(Duration within, Duration pollInterval, BooleanSupplier ready) {
		try {
			Awaitility.await(this.name + " ready")
				.atMost(within)
				.pollDelay(Duration.ZERO)
				.pollInterval(pollInterval)
				.pollInSameThread()
				// A test's own threads may fail meanwhile: not this process's business.
				.dontCatchUncaughtExceptions()
				.failFast(() -> !this.process.isAlive())
				.until(ready::getAsBoolean);
			return Duration.ofNanos(System.nanoTime() - this.startedAtNanos);
		}
		catch (TerminalFailureException ex) {
			throw new IllegalStateException(
					this.name + " exited with " + this.process.exitValue() + " during start-up; see " + this.log);
		}
		catch (ConditionTimeoutException ex) {
			kill();
			throw new IllegalStateException(this.name + " was not ready within " + within + "; see " + this.log);
		}
	}

	/**
	 * Waits at most {@code timeout} for the process to exit; {@code false} when it still
	 * runs, or when this thread was interrupted (its flag set again).
	 */
	public boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Stops the process gracefully with {@code SIGTERM}, as
	 * {@link #stop(String, Duration)} does.
	 */
	public void stop(Duration grace) {
		stop("TERM", grace);
	}

	/**
	 * Sends the signal ({@code TERM}, or {@code INT} for PostgreSQL's fast shutdown) and
	 * waits for the process to exit; after {@code grace}, kills it and whatever it
	 * forked. A paused process is resumed first, or the signal would wait for a
	 * {@code SIGCONT}.
	 */
	public void stop(String signal, Duration grace) {
		if (!this.process.isAlive()) {
			return;
		}
		// Listed now: once the process is gone, its orphans are no longer its
		// descendants.
		List<ProcessHandle> tree = tree();
		if (this.paused) {
			resume();
		}
		if ("TERM".equals(signal)) {
			this.process.destroy();
		}
		else {
			signalQuietly(signal, List.of(this.process.toHandle()));
		}
		if (!awaitExit(grace)) {
			killAll(tree());
		}
		// Its processes end with it; a forced kill may leave one for a moment.
		tree.forEach((handle) -> awaitExit(handle, KILL_WAIT));
	}

	/**
	 * Kills the process and whatever it forked ({@code SIGKILL}, which reaches a paused
	 * process too), as the kernel's OOM killer or {@code docker kill} does: no shutdown
	 * hook, nothing flushed. Waits (bounded) for each to be gone.
	 * @throws IllegalStateException when the process survives {@code SIGKILL} for 10 s
	 */
	public void kill() {
		List<ProcessHandle> tree = tree();
		killAll(tree);
		tree.forEach((handle) -> awaitExit(handle, KILL_WAIT));
		this.paused = false;
		if (this.process.isAlive()) {
			throw new IllegalStateException(this.name + " survived SIGKILL for " + KILL_WAIT.toSeconds() + " s");
		}
	}

	/**
	 * Freezes the process and whatever it forked ({@code SIGSTOP}), as a long GC pause, a
	 * frozen VM or {@code docker pause} does: the kernel still accepts connections, and
	 * nothing answers them until {@link #resume()}.
	 */
	public void pause() {
		requireRunning();
		// The process first, so that it forks nothing new while its children freeze.
		signal("STOP", List.of(this.process.toHandle()));
		this.paused = true;
		List<ProcessHandle> children = this.process.toHandle().descendants().toList();
		if (!children.isEmpty()) {
			signal("STOP", children);
		}
	}

	/** Lets a {@link #pause() paused} process and its children run again. */
	public void resume() {
		requireRunning();
		// The process last: until it runs it reaps no child, so each one listed is
		// still there to be signalled.
		List<ProcessHandle> tree = new ArrayList<>(tree());
		tree.add(tree.remove(0));
		signal("CONT", tree);
		this.paused = false;
	}

	@Override
	public String toString() {
		return this.name + "[pid " + this.process.pid() + (this.process.isAlive() ? "" : ", exited") + "]";
	}

	/** The process and every process it forked, the process first. */
	private List<ProcessHandle> tree() {
		return Stream.concat(Stream.of(this.process.toHandle()), this.process.toHandle().descendants())
			.filter(ProcessHandle::isAlive)
			.toList();
	}

	private void requireRunning() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(this.name + " is not running");
		}
	}

	/** Sends the signal with {@code kill}: Java has no API for STOP, CONT or INT. */
	private void signal(String signal, List<ProcessHandle> processes) {
		List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
		processes.forEach((handle) -> command.add(String.valueOf(handle.pid())));
		Process kill;
		try {
			kill = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!awaitExit(kill, KILL_WAIT)) {
			kill.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " did not finish");
		}
		// kill signals every process it can and fails for one that has exited
		// meanwhile: only a failure for one still there is a failure.
		if (kill.exitValue() != 0 && processes.stream().allMatch(ProcessHandle::isAlive)) {
			throw new IllegalStateException(String.join(" ", command) + " failed");
		}
	}

	private void signalQuietly(String signal, List<ProcessHandle> processes) {
		try {
			signal(signal, processes);
		}
		catch (RuntimeException ex) {
			// Exited meanwhile, or kill failed: the bounded wait and SIGKILL follow.
		}
	}

	private static void killAll(List<ProcessHandle> processes) {
		processes.forEach(ProcessHandle::destroyForcibly);
	}

	private static boolean awaitExit(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void awaitExit(ProcessHandle handle, Duration timeout) {
		try {
			handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// Gone already, or still there after the bound: nothing more to wait for.
		}
	}

}
