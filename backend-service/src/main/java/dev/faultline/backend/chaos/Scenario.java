package dev.faultline.backend.chaos;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A named preset of faults, installed with one call. Each fault's settings go through the
 * same validation as a hand-made request.
 */
enum Scenario {

	FLAKY("flaky", "30% of API calls fail at random with a 500; one retry hides most of them",
			step(Fault.ERROR, Map.of("status", 500, "rate", 0.3))),

	EVERY_THIRD("every-third", "every 3rd API call fails with a 500: calls 3, 6, 9... (repeatable on stage)",
			step(Fault.ERROR, Map.of("status", 500, "everyNth", 3))),

	ERRORS("errors", "every API call fails with a 500: the breaker opens after a few calls",
			step(Fault.ERROR, Map.of("status", 500))),

	SLOW("slow", "every API call takes 2 to 3 seconds", step(Fault.LATENCY, Map.of("minMs", 2000, "maxMs", 3000))),

	HANG("hang", "API calls never answer: held until the client gives up (at most 10 minutes)",
			step(Fault.HANG, Map.of())),

	OUTAGE("outage", "the API port refuses connections, as if the backend were not running",
			step(Fault.DOWN, Map.of())),

	BROWNOUT("brownout", "every API call takes 0.5 to 1.5 seconds and 20% of them fail with a 503 (Retry-After: 1)",
			step(Fault.LATENCY, Map.of("minMs", 500, "maxMs", 1500)),
			step(Fault.ERROR, Map.of("status", 503, "rate", 0.2, "retryAfter", 1))),

	FLAPPING("flapping", "the API port is down for 5 seconds, then up for 5 seconds, and again",
			step(Fault.FLAP, Map.of("kind", "down", "downMs", 5000, "upMs", 5000)));

	private final String id;

	private final String description;

	private final List<Step> steps;

	Scenario(String id, String description, Step... steps) {
		this.id = id;
		this.description = description;
		this.steps = List.of(steps);
	}

	String id() {
		return this.id;
	}

	String description() {
		return this.description;
	}

	List<Step> steps() {
		return this.steps;
	}

	static Optional<Scenario> of(String id) {
		return Arrays.stream(values()).filter((scenario) -> scenario.id.equals(id)).findFirst();
	}

	private static Step step(Fault fault, Map<String, Object> settings) {
		return new Step(fault, settings);
	}

	/**
	 * One fault of a scenario.
	 *
	 * @param fault the fault
	 * @param settings its settings, as a request would give them
	 */
	record Step(Fault fault, Map<String, Object> settings) {
	}

}
