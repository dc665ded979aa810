package dev.faultline.backend.chaos;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.boot.availability.ReadinessState;
import org.springframework.lang.Nullable;

/**
 * What {@code GET /chaos} and every change answer: the API port, readiness, each active
 * fault, and the order in which faults act on a request.
 *
 * @param apiPort whether the API port accepts connections
 * @param readiness what the readiness probe reports
 * @param scenario the scenario these faults were installed by, such as {@code outage};
 * {@code null} when there is none or its faults were changed by hand since
 * @param faults the active faults
 * @param order the order in which per-request faults act
 */
record ChaosState(String apiPort, ReadinessState readiness, @Nullable String scenario, List<Active> faults,
		List<String> order) {

	/**
	 * One active fault. The selector, scope, summary and {@code requestsSeen} are there
	 * only for a fault that acts per request.
	 *
	 * @param fault its name
	 * @param settings its own settings with defaults filled in
	 * @param selector which requests in scope it hits
	 * @param scope which requests it looks at
	 * @param summary one line for people
	 * @param requestsSeen requests in scope so far
	 * @param faultsInjected failures injected so far
	 * @param installedAt when it was installed
	 * @param expiresAt when it removes itself
	 * @param remainingSeconds whole seconds until then
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Active(String fault, Map<String, Object> settings, Selector selector, Scope scope, String summary,
			Long requestsSeen, long faultsInjected, Instant installedAt, Instant expiresAt, long remainingSeconds) {
	}

	/**
	 * The answer of {@code GET /chaos/events}.
	 *
	 * @param events the latest injections, newest first
	 */
	record Events(List<ChaosEvent> events) {
	}

	/**
	 * The answer of {@code GET /chaos/scenarios}.
	 *
	 * @param scenarios every preset
	 */
	record Scenarios(List<Preset> scenarios) {

		static Scenarios all() {
			return new Scenarios(Arrays.stream(Scenario.values())
				.map((scenario) -> new Preset(scenario.id(), scenario.description(),
						scenario.steps().stream().map((step) -> new Step(step.fault().id(), step.settings())).toList()))
				.toList());
		}

	}

	/**
	 * One scenario.
	 *
	 * @param name what to put in the path
	 * @param description what it does
	 * @param faults the faults it installs
	 */
	record Preset(String name, String description, List<Step> faults) {
	}

	/**
	 * One fault of a scenario.
	 *
	 * @param fault its name
	 * @param settings its settings
	 */
	record Step(String fault, Map<String, Object> settings) {
	}

}
