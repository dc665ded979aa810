package dev.faultline.benchmarks.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.benchmarks.ReplicaScenario;
import dev.faultline.benchmarks.Scenario;

/**
 * Ties the suite's chaos scenarios to the backend's: a scenario named like one of the
 * backend's ({@code GET /chaos/scenarios}, such as {@code every-third}) must install the
 * same fault with at least the same settings, so that a change on either side shows
 * before the load starts instead of measuring something else under the old name.
 */
final class ChaosCheck {

	private ChaosCheck() {
	}

	/**
	 * What does not match, one sentence each; empty when everything does.
	 * @param scenarios the suite's scenarios (a replica scenario is compared without its
	 * {@link ReplicaScenario#PREFIX})
	 * @param answer the backend's {@code GET /chaos/scenarios}
	 */
	static List<String> problems(List<Scenario> scenarios, JsonNode answer) {
		Map<String, JsonNode> presets = new LinkedHashMap<>();
		answer.path("scenarios").forEach((preset) -> presets.put(preset.path("name").asText(), preset));
		List<String> problems = new ArrayList<>();
		for (Scenario scenario : scenarios) {
			String name = scenario.name().startsWith(ReplicaScenario.PREFIX)
					? scenario.name().substring(ReplicaScenario.PREFIX.length()) : scenario.name();
			JsonNode preset = presets.get(name);
			if (scenario.fault() != Scenario.Fault.CHAOS || preset == null) {
				continue;
			}
			String call = scenario.chaos();
			int query = call.indexOf('?');
			String fault = (query < 0) ? call : call.substring(0, query);
			Map<String, String> settings = new LinkedHashMap<>();
			if (query >= 0) {
				for (String pair : call.substring(query + 1).split("&")) {
					String[] keyValue = pair.split("=", 2);
					settings.put(keyValue[0], (keyValue.length > 1) ? keyValue[1] : "");
				}
			}
			JsonNode steps = preset.path("faults");
			if (steps.size() != 1 || !steps.get(0).path("fault").asText().equals(fault)) {
				problems.add(scenario.name() + " installs " + fault + ", but the backend's scenario " + name
						+ " installs " + steps);
				continue;
			}
			steps.get(0).path("settings").fields().forEachRemaining((setting) -> {
				if (!setting.getValue().asText().equals(settings.get(setting.getKey()))) {
					problems.add(scenario.name() + " sets " + setting.getKey() + "=" + settings.get(setting.getKey())
							+ ", but the backend's scenario " + name + " sets " + setting.getValue().asText());
				}
			});
		}
		return problems;
	}

}
