package dev.faultline.ui.dashboard;

import java.util.List;

import org.springframework.lang.Nullable;

/**
 * One backend replica's chaos state as the dashboard shows it, read from
 * {@code GET /chaos} on its management port.
 *
 * @param target the replica's name on the chaos panel, such as {@code backend-2}
 * @param reachable whether its chaos API answered
 * @param apiPort what the replica says about its API port, such as
 * {@code refusing connections}
 * @param scenario the scenario that installed the faults, such as {@code outage}: the
 * name on the dashboard's button and in {@code scripts/chaos}; {@code null} for faults
 * set by hand
 * @param faults the active faults
 * @param problem why the chaos API could not be read; {@code null} when reachable
 * @param checkedAt when it was read, epoch ms
 */
record TargetChaos(String target, boolean reachable, @Nullable String apiPort, @Nullable String scenario,
		List<BackendChaosState.Fault> faults, @Nullable String problem, long checkedAt) {

	/** Before the first look. */
	static TargetChaos unknown(String target, long now) {
		return new TargetChaos(target, false, null, null, List.of(), "not checked yet", now);
	}

	/** The chaos API did not answer. */
	static TargetChaos unreachable(String target, String problem, long now) {
		return new TargetChaos(target, false, null, null, List.of(), problem, now);
	}

	/** What the chaos API answered. */
	static TargetChaos of(String target, BackendChaosState state, long now) {
		List<BackendChaosState.Fault> faults = (state.faults() != null) ? List.copyOf(state.faults()) : List.of();
		return new TargetChaos(target, true, state.apiPort(), state.scenario(), faults, null, now);
	}

}
