package dev.faultline.benchmarks;

import java.util.List;
import java.util.Optional;

/**
 * One step of the suite: a few seconds healthy, then a fault for {@code faultSeconds},
 * then a recovery window with the fault cleared, under a given load. Scenarios without a
 * fault are the healthy baseline and its two extra phases (fairness and closed-model
 * throughput).
 *
 * @param name the id used in every CSV and file name
 * @param title what the report calls it
 * @param fault how the backend is broken
 * @param chaos for {@link Fault#CHAOS}, the chaos API call after {@code /chaos/} (without
 * {@code duration})
 * @param load which load the UIs get
 * @param healthySeconds before the fault
 * @param faultSeconds the fault window
 * @param recoverySeconds after the fault
 */
public record Scenario(String name, String title, Fault fault, String chaos, Load load, int healthySeconds,
		int faultSeconds, int recoverySeconds) {

	/** How a scenario breaks the backend. */
	public enum Fault {

		/** No fault: the healthy run, what each pattern costs when nothing fails. */
		NONE,
		/**
		 * A chaos API fault, installed at the start of the window and removed at its end.
		 */
		CHAOS,
		/** {@code kill -STOP} for the window, then {@code kill -CONT}. */
		SIGSTOP,
		/** {@code kill -9}, then restarted at once on the same ports and data. */
		KILL

	}

	/** The load during a scenario. */
	public enum Load {

		/** Every UI: 10 feed users/s of its own level, plus 2 {@code /about} probes/s. */
		STANDARD,
		/** Only the full and none UIs, 20 feed users/s each. */
		FAIRNESS,
		/**
		 * Closed model: 4 users looping, alternating between the full and none UIs in
		 * rounds.
		 */
		THROUGHPUT

	}

	/** Seconds of load in all. */
	public int totalSeconds() {
		return this.healthySeconds + this.faultSeconds + this.recoverySeconds;
	}

	/** The levels that get load in this scenario, given those that run. */
	public List<String> levels(List<String> running) {
		if (this.load == Load.STANDARD) {
			return running;
		}
		return running.stream().filter((level) -> level.equals(Levels.NONE) || level.equals(Levels.FULL)).toList();
	}

	/** Whether the scenario has a fault window at all. */
	public boolean hasFault() {
		return this.fault != Fault.NONE;
	}

	/** The full suite: about 13 minutes of load. */
	public static List<Scenario> full() {
		return List.of(healthy(15),
				new Scenario("healthy-fairness", "Healthy: fairness", Fault.NONE, null, Load.FAIRNESS, 20, 0, 0),
				new Scenario("healthy-throughput", "Healthy: closed-model throughput", Fault.NONE, null,
						Load.THROUGHPUT, 40, 0, 0),
				chaos("latency", "Latency 2-3 s", "latency?minMs=2000&maxMs=3000"),
				// Hang and stop last 30 s: at 10 requests/s level none then holds more
				// requests than Tomcat's 200
				// threads, and the cascade (its /about page waiting too) shows.
				new Scenario("hang", "Hang", Fault.CHAOS, "hang?maxMs=60000", Load.STANDARD, 5, 30, 15),
				chaos("refused", "Refused (port down)", "down"),
				chaos("errors-50", "Errors on 50% of calls", "error?status=500&rate=0.5&seed=42"),
				chaos("every-third", "Error on every third call", "error?status=500&everyNth=3"),
				chaos("slow-body", "Slow body", "slow-body"),
				chaos("flapping", "Flapping (down 5 s / up 5 s)", "flap?kind=down&downMs=5000&upMs=5000"),
				new Scenario("stopped", "Backend stopped (SIGSTOP)", Fault.SIGSTOP, null, Load.STANDARD, 5, 30, 15),
				new Scenario("killed", "Backend killed (kill -9) and restarted", Fault.KILL, null, Load.STANDARD, 5, 20,
						15));
	}

	/** The smoke run for CI: a few seconds healthy, a few seconds refused. */
	public static List<Scenario> smoke() {
		return List.of(healthy(4),
				new Scenario("refused", "Refused (port down)", Fault.CHAOS, "down", Load.STANDARD, 2, 5, 3));
	}

	/**
	 * Load before the suite's scenarios, to warm the JVMs up; its rows are in the CSV
	 * files but not in the report.
	 */
	public static Scenario warmUp(int seconds) {
		return new Scenario("warm-up", "Warm-up", Fault.NONE, null, Load.STANDARD, seconds, 0, 0);
	}

	/**
	 * The flap period's up and down phases, if this is a flapping scenario: {downMs,
	 * upMs}.
	 */
	public Optional<long[]> flapPhases() {
		if (this.chaos == null || !this.chaos.startsWith("flap")) {
			return Optional.empty();
		}
		long down = 5000;
		long up = 5000;
		for (String pair : this.chaos.substring(this.chaos.indexOf('?') + 1).split("&")) {
			String[] keyValue = pair.split("=");
			if (keyValue[0].equals("downMs")) {
				down = Long.parseLong(keyValue[1]);
			}
			else if (keyValue[0].equals("upMs")) {
				up = Long.parseLong(keyValue[1]);
			}
		}
		return Optional.of(new long[] { down, up });
	}

	/**
	 * A scenario of the given name from the catalog of that mode ({@code smoke} or
	 * {@code full}).
	 */
	public static Optional<Scenario> named(String name, String mode) {
		return ("smoke".equals(mode) ? smoke() : full()).stream()
			.filter((scenario) -> scenario.name().equals(name))
			.findFirst();
	}

	private static Scenario healthy(int seconds) {
		return new Scenario("healthy", "Healthy", Fault.NONE, null, Load.STANDARD, seconds, 0, 0);
	}

	private static Scenario chaos(String name, String title, String call) {
		return new Scenario(name, title, Fault.CHAOS, call, Load.STANDARD, 5, 20, 15);
	}

}
