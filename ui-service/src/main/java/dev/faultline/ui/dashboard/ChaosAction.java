package dev.faultline.ui.dashboard;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;

/**
 * A button of the dashboard's chaos panel and the calls to the backend's chaos API it
 * makes. Scenarios replace whatever was active, so each button leaves exactly one kind of
 * trouble behind.
 */
enum ChaosAction {

	/**
	 * Every call takes 2 to 3 seconds: slower than the read timeout, so the slow-call
	 * rate climbs.
	 */
	LATENCY("latency", step(HttpMethod.PUT, "/chaos/scenarios/slow")),

	/** Every call fails with a 500. */
	ERRORS("errors", step(HttpMethod.DELETE, "/chaos"), step(HttpMethod.PUT, "/chaos/error?status=500")),

	/** Every third call fails with a 500: what the retry hides. */
	EVERY_THIRD("every-third", step(HttpMethod.PUT, "/chaos/scenarios/every-third")),

	/** Calls never answer: only a timeout helps; the unprotected level piles up. */
	HANG("hang", step(HttpMethod.PUT, "/chaos/scenarios/hang")),

	/** Connection refused: a fast failure. */
	DOWN("down", step(HttpMethod.PUT, "/chaos/scenarios/outage")),

	/** Refused for 5 s, up for 5 s, again: the breaker opens, probes and closes. */
	FLAPPING("flapping", step(HttpMethod.PUT, "/chaos/scenarios/flapping")),

	/** Everything off. */
	OFF("off", step(HttpMethod.DELETE, "/chaos"));

	private final String id;

	private final List<Step> steps;

	ChaosAction(String id, Step... steps) {
		this.id = id;
		this.steps = List.of(steps);
	}

	/** The action's name in URLs and on its button. */
	String id() {
		return this.id;
	}

	/** The chaos API calls, in order. */
	List<Step> steps() {
		return this.steps;
	}

	/** The action with this id, if any. */
	static Optional<ChaosAction> fromId(String id) {
		return Arrays.stream(values()).filter((action) -> action.id.equals(id)).findFirst();
	}

	/** Every action's id, comma-separated, for error messages. */
	static String allowedIds() {
		return Arrays.stream(values()).map(ChaosAction::id).collect(Collectors.joining(", "));
	}

	private static Step step(HttpMethod method, String path) {
		return new Step(method, path);
	}

	/**
	 * One call to the backend's chaos API.
	 *
	 * @param method PUT or DELETE
	 * @param path the path and query on the management port
	 */
	record Step(HttpMethod method, String path) {
	}

}
