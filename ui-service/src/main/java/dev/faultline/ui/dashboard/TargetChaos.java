package dev.faultline.ui.dashboard;

import java.util.List;

import org.springframework.lang.Nullable;

/**
 * The backend's chaos state as the dashboard shows it, read from {@code GET /chaos} on
 * its management port.
 *
 * @param reachable whether the chaos API answered
 * @param apiPort what the backend says about its API port, such as
 * {@code refusing connections}
 * @param scenario the scenario that installed them, such as {@code outage}: the name on
 * the dashboard's button and in {@code scripts/chaos}; {@code null} for faults set by
 * hand
 * @param faults the active faults
 * @param problem why the chaos API could not be read; {@code null} when reachable
 * @param checkedAt when it was read, epoch ms
 */
record ChaosStatus(boolean reachable, @Nullable String apiPort, @Nullable String scenario,
		List<BackendChaosState.Fault> faults, @Nullable String problem, long checkedAt) {

	/** Before the first look. */
	static ChaosStatus unknown(long now) {
		return new ChaosStatus(false, null, null, List.of(), "not checked yet", now);
	}

	/** The chaos API did not answer. */
	static ChaosStatus unreachable(String problem, long now) {
		return new ChaosStatus(false, null, null, List.of(), problem, now);
	}

	/** What the chaos API answered. */
	static ChaosStatus of(BackendChaosState state, long now) {
		List<BackendChaosState.Fault> faults = (state.faults() != null) ? List.copyOf(state.faults()) : List.of();
		return new ChaosStatus(true, state.apiPort(), state.scenario(), faults, null, now);
	}

}
