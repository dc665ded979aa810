package dev.faultline.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The UI's actuator, which is read-only: a request that would change a breaker or a
 * logger changes nothing.
 */
final class UiActuator extends UiSurface {

	private static final Set<String> FORCED_STATES = Set.of("DISABLED", "FORCED_OPEN", "FORCED_HALF_OPEN",
			"METRICS_ONLY");

	private Map<String, String> breakerStates;

	UiActuator(FuzzRun run, UiSession session) {
		super(run, session);
	}

	/**
	 * Actuator is read-only: a POST that would force or disable a breaker must be refused
	 * and change nothing.
	 */
	void actuatorPost() {
		if (this.breakerStates == null) {
			this.breakerStates = breakerStates();
		}
		// The breakers are named after the levels.
		List<String> breakers = new ArrayList<>(this.session.levels());
		breakers.add("bogus");
		String breaker = pick(breakers);
		Probe probe = pick(
				ui("POST", "/actuator/circuitbreakers/" + breaker).body("application/json",
						("{\"updateState\":\"" + pick("DISABLE", "FORCE_OPEN", "CLOSE", "METRICS_ONLY") + "\"}")
							.getBytes(StandardCharsets.UTF_8)),
				ui("POST", "/actuator/loggers/ROOT").body("application/json",
						"{\"configuredLevel\":\"OFF\"}".getBytes(StandardCharsets.UTF_8)),
				ui("DELETE", "/actuator/circuitbreakers/" + breaker),
				ui("POST", "/actuator/health").body("application/json", "{}".getBytes(StandardCharsets.UTF_8)));
		probe.header("Accept", "application/json").expect(Expect.REJECT);
		if (chance(70)) {
			withToken(probe);
		}
		Answer answer = fuzz(probe);
		Map<String, String> after = breakerStates();
		for (Map.Entry<String, String> state : after.entrySet()) {
			if (FORCED_STATES.contains(state.getValue())
					&& !state.getValue().equals(this.breakerStates.get(state.getKey()))) {
				this.report.defect(Kind.ACTUATOR_STATE, probe, answer,
						"breaker " + state.getKey() + " is now " + state.getValue());
			}
		}
		this.breakerStates = after;
	}

	private Map<String, String> breakerStates() {
		Answer answer = oracle(ui("GET", "/actuator/circuitbreakers").header("Accept", "application/json"));
		Map<String, String> states = new TreeMap<>();
		JsonNode breakers = JsonAnswers.parse(answer.text()).path("circuitBreakers");
		if (breakers.isObject()) {
			breakers.properties()
				.forEach((breaker) -> states.put(breaker.getKey(), breaker.getValue().path("state").asText("null")));
		}
		else {
			this.report.oracleFailure("GET /actuator/circuitbreakers", answer);
		}
		return states;
	}

}
