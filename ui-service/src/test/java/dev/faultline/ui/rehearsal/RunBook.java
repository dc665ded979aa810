package dev.faultline.ui.rehearsal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo run-book as the speaker reads it, from the table in {@code slides/README.md}:
 * the one source of the steps, their actions and the checks the rehearsal makes, so a
 * step cannot change in one place only.
 */
final class RunBook {

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private static final Pattern CHAOS = Pattern.compile("scripts/chaos [a-z-]+(?: [^`]*)?");

	/**
	 * What the speaker does to one backend replica's container:
	 * {@code docker compose kill
	 * backend-2}, {@code docker compose start backend-2}.
	 */
	private static final Pattern REPLICA_ACTION = Pattern.compile("docker compose (kill|start) (backend-\\d+)");

	private static final Pattern LEVEL = Pattern.compile("Protected level \\*\\*([a-z-]+)\\*\\*");

	private static final Pattern RATE = Pattern.compile("dashboard: \\*\\*(\\d+)/s\\*\\*");

	private RunBook() {
	}

	/** The steps of the table whose header names the rehearsal's checks. */
	static List<Step> read(Path readme) throws IOException {
		List<Step> steps = new ArrayList<>();
		boolean inTable = false;
		for (String line : Files.readAllLines(readme)) {
			if (line.startsWith("| step |") && line.contains("the rehearsal checks")) {
				inTable = true;
				continue;
			}
			if (!inTable || line.startsWith("|---")) {
				continue;
			}
			if (!line.startsWith("|")) {
				break;
			}
			String[] cells = line.split("\\|", -1);
			steps.add(step(cells[1].trim(), cells[2].trim(), cells[4].trim()));
		}
		return steps;
	}

	private static Step step(String id, String actions, String checks) {
		List<String> chaos = new ArrayList<>();
		List<String> replicaActions = new ArrayList<>();
		Matcher code = CODE.matcher(actions);
		while (code.find()) {
			if (CHAOS.matcher(code.group(1)).matches()) {
				chaos.add(code.group(1));
			}
			Matcher replica = REPLICA_ACTION.matcher(code.group(1));
			if (replica.matches()) {
				replicaActions.add(replica.group(1) + " " + replica.group(2));
			}
		}
		Matcher level = LEVEL.matcher(actions);
		Matcher rate = RATE.matcher(actions);
		List<String> expectations = new ArrayList<>();
		Matcher check = CODE.matcher(checks);
		while (check.find()) {
			expectations.add(check.group(1));
		}
		return new Step(id, actions, level.find() ? level.group(1) : null,
				rate.find() ? Integer.parseInt(rate.group(1)) : null, actions.contains("**Stop**"), replicaActions,
				chaos, checks.startsWith("compose only"), expectations);
	}

	/**
	 * One row.
	 *
	 * @param id the step's number, such as {@code 7a}
	 * @param actions what the speaker types or clicks, as written
	 * @param level the protected level the speaker switches the dashboard to, if any
	 * @param rate the traffic rate the speaker starts, if any
	 * @param stopTraffic whether the speaker stops the traffic
	 * @param replicaActions what the speaker does to backend replicas' containers, in
	 * order, such as {@code kill backend-2}; done before the chaos commands
	 * @param chaos the {@code scripts/chaos} commands, in order
	 * @param composeOnly whether only the compose stack can show it
	 * @param checks what the audience must see, in the rehearsal's words
	 */
	record Step(String id, String actions, String level, Integer rate, boolean stopTraffic, List<String> replicaActions,
			List<String> chaos, boolean composeOnly, List<String> checks) {

		/**
		 * Whether the step's actions need three backend replicas (a check of a replica's
		 * state needs them too: {@link #isReplicaCheck}).
		 */
		boolean needsReplicas() {
			return !this.replicaActions.isEmpty()
					|| this.chaos.stream().anyMatch((command) -> command.contains("--on"));
		}

		/** Whether the check observes one backend replica. */
		static boolean isReplicaCheck(String check) {
			return check.startsWith("replica ");
		}
	}

}
