package dev.faultline.benchmarks;

import java.util.List;
import java.util.Optional;

import dev.faultline.benchmarks.Scenario.Fault;
import dev.faultline.benchmarks.Scenario.Load;

/**
 * One step of the replica part of the suite: three backend replicas on one PostgreSQL,
 * the {@code full} and {@code none} UIs in front of all three, and a fault on one
 * replica, on all of them, or on the database (issue 21, "Measured"). The timing and the
 * load are those of a {@link Scenario}.
 *
 * @param scenario the name, title, fault, timing and load
 * @param target what the fault hits
 */
public record ReplicaScenario(Scenario scenario, Target target) {

	/**
	 * Every replica scenario's name starts with this, so none clashes with the suite's.
	 */
	public static final String PREFIX = "replica-";

	/** The levels that get load in the replica scenarios, side by side. */
	public static final List<String> LEVELS = List.of(Levels.NONE, Levels.FULL);

	/**
	 * Which replica one-replica faults hit, counted from 0: the second, {@code backend-2}
	 * of the run-book.
	 */
	public static final int BROKEN = 1;

	/** How many backend replicas run. */
	public static final int REPLICAS = 3;

	/**
	 * A kill's window is the restart of the killed replica, a backend start under load
	 * (over 30 s on a busy 2-core machine): the load lasts at least this long after the
	 * kill.
	 */
	public static final int KILL_WINDOW_SECONDS = 40;

	/** The name, as in every CSV and file name. */
	public String name() {
		return this.scenario.name();
	}

	/** The title, as in the report. */
	public String title() {
		return this.scenario.title();
	}

	/** Whether the scenario has a fault window. */
	public boolean hasFault() {
		return this.scenario.hasFault();
	}

	/** The replica part's scenarios, in run order, with the given timing. */
	public static List<ReplicaScenario> all(Timing timing) {
		return List.of(healthy(timing),
				one(timing, "killed", "One replica killed (kill -9) and restarted", Fault.KILL, null),
				one(timing, "stopped", "One replica stopped (SIGSTOP)", Fault.SIGSTOP, null),
				one(timing, "hang", "One replica hanging", Fault.CHAOS, "hang?maxMs=60000"),
				one(timing, "latency", "One replica slow (2-3 s)", Fault.CHAOS, "latency?minMs=2000&maxMs=3000"),
				one(timing, "errors", "One replica answering 500", Fault.CHAOS, "error?status=500"),
				one(timing, "refused", "One replica refusing connections", Fault.CHAOS, "down"),
				new ReplicaScenario(new Scenario(PREFIX + "database", "Database stopped (SIGSTOP)", Fault.SIGSTOP, null,
						Load.STANDARD, timing.healthy(), timing.fault(), timing.recovery()), Target.DATABASE),
				new ReplicaScenario(
						new Scenario(PREFIX + "all-down", "All replicas refusing connections", Fault.CHAOS, "down",
								Load.STANDARD, timing.healthy(), timing.fault(), timing.recovery()),
						Target.ALL_REPLICAS));
	}

	/**
	 * The smoke run's replica part: the healthy baseline and one replica refusing
	 * connections.
	 */
	public static List<ReplicaScenario> smoke() {
		return all(Timing.SMOKE).stream()
			.filter((scenario) -> scenario.name().equals(PREFIX + "healthy")
					|| scenario.name().equals(PREFIX + "refused"))
			.toList();
	}

	/** A scenario of the given name, with the given timing, from {@link #all}. */
	public static Optional<ReplicaScenario> named(String name, Timing timing) {
		return all(timing).stream().filter((scenario) -> scenario.name().equals(name)).findFirst();
	}

	private static ReplicaScenario healthy(Timing timing) {
		// Long enough for a p99 of a few hundred reads: the reference of every other
		// scenario's p99.
		int seconds = timing.healthy() + timing.fault();
		return new ReplicaScenario(new Scenario(PREFIX + "healthy", "Three healthy replicas", Fault.NONE, null,
				Load.STANDARD, seconds, 0, 0), Target.NONE);
	}

	private static ReplicaScenario one(Timing timing, String name, String title, Fault fault, String chaos) {
		int window = (fault == Fault.KILL) ? Math.max(timing.fault(), KILL_WINDOW_SECONDS) : timing.fault();
		return new ReplicaScenario(new Scenario(PREFIX + name, title, fault, chaos, Load.STANDARD, timing.healthy(),
				window, timing.recovery()), Target.ONE_REPLICA);
	}

	/** What a replica scenario's fault hits. */
	public enum Target {

		/** Nothing: the healthy baseline. */
		NONE,
		/** The replica {@link #BROKEN} only; the other two stay healthy. */
		ONE_REPLICA,
		/** All three replicas at once. */
		ALL_REPLICAS,
		/** The database the replicas share. */
		DATABASE

	}

	/**
	 * Seconds before, during and after the fault.
	 *
	 * @param healthy load before the fault (and the whole healthy baseline)
	 * @param fault the fault window
	 * @param recovery load after the fault is cleared
	 */
	public record Timing(int healthy, int fault, int recovery) {

		/** The published run's timing: about 6 minutes of load. */
		public static final Timing FULL = new Timing(5, 15, 10);

		/** The smoke run's timing. */
		public static final Timing SMOKE = new Timing(3, 5, 3);

		/** Parses {@code HEALTHY,FAULT,RECOVERY} in seconds, such as {@code 3,8,5}. */
		public static Timing parse(String text) {
			String[] parts = text.split(",");
			if (parts.length != 3) {
				throw new IllegalArgumentException(
						"Replica seconds are HEALTHY,FAULT,RECOVERY, such as 3,8,5: " + text);
			}
			try {
				Timing timing = new Timing(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
						Integer.parseInt(parts[2].trim()));
				if (timing.healthy() < 1 || timing.fault() < 1 || timing.recovery() < 1) {
					throw new IllegalArgumentException("Replica seconds must each be at least 1: " + text);
				}
				return timing;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Replica seconds are whole numbers, such as 3,8,5: " + text);
			}
		}

		/** As {@link #parse} reads it. */
		@Override
		public String toString() {
			return this.healthy + "," + this.fault + "," + this.recovery;
		}

	}

}
