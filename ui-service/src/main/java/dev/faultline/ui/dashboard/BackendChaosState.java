package dev.faultline.ui.dashboard;

import java.util.List;

import org.springframework.lang.Nullable;

/**
 * The part of the backend's chaos state ({@code GET /chaos}, and the answer to every
 * change) that the dashboard reads: the UI's side of that JSON contract. Fields the
 * dashboard does not show are left out and ignored.
 *
 * @param apiPort what the backend says about its API port, such as
 * {@code refusing connections}
 * @param scenario the scenario that installed the faults, such as {@code outage}, if any
 * @param faults the active faults
 */
record BackendChaosState(@Nullable String apiPort, @Nullable String scenario, @Nullable List<Fault> faults) {

	/**
	 * One active fault.
	 *
	 * @param fault its name, such as {@code latency}
	 * @param summary what it does, to which requests; {@code null} for a fault that does
	 * not act per request
	 * @param remainingSeconds time left before it expires by itself
	 * @param faultsInjected how often it struck
	 */
	record Fault(String fault, @Nullable String summary, long remainingSeconds, long faultsInjected) {
	}

}
