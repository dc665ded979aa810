package dev.faultline.ui.dashboard;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.lang.Nullable;

/**
 * The backend's chaos state as the dashboard shows it, read from {@code GET /chaos} on
 * its management port.
 *
 * @param reachable whether the chaos API answered
 * @param apiPort what the backend says about its API port, such as
 * {@code refusing connections}
 * @param faults the active faults
 * @param problem why the chaos API could not be read; {@code null} when reachable
 * @param checkedAt when it was read, epoch ms
 */
record ChaosStatus(boolean reachable, @Nullable String apiPort, List<ActiveFault> faults, @Nullable String problem,
		long checkedAt) {

	/** Before the first look. */
	static ChaosStatus unknown(long now) {
		return new ChaosStatus(false, null, List.of(), "not checked yet", now);
	}

	/** The chaos API did not answer. */
	static ChaosStatus unreachable(String problem, long now) {
		return new ChaosStatus(false, null, List.of(), problem, now);
	}

	/**
	 * From the JSON of {@code GET /chaos} (which every PUT and DELETE answers with too).
	 */
	static ChaosStatus from(JsonNode state, long now) {
		List<ActiveFault> faults = new ArrayList<>();
		for (JsonNode fault : state.path("faults")) {
			String name = fault.path("fault").asText();
			faults.add(new ActiveFault(name, fault.path("summary").asText(name),
					fault.path("remainingSeconds").asLong(), fault.path("faultsInjected").asLong()));
		}
		return new ChaosStatus(true, state.path("apiPort").asText(null), List.copyOf(faults), null, now);
	}

	/**
	 * One active fault.
	 *
	 * @param fault its name, such as {@code latency}
	 * @param summary what it does, to which requests
	 * @param remainingSeconds time left before it expires by itself
	 * @param faultsInjected how often it struck
	 */
	record ActiveFault(String fault, String summary, long remainingSeconds, long faultsInjected) {
	}

}
