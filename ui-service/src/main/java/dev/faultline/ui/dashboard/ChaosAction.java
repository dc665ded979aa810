package dev.faultline.ui.dashboard;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A button of the dashboard's chaos panel. Each is one of the backend's chaos scenarios,
 * under the same name as in {@code PUT /chaos/scenarios/{name}}, {@code scripts/chaos}
 * and the slides, so the audience meets one word for one kind of trouble. A scenario
 * replaces whatever was active, so each button leaves exactly one kind of trouble behind;
 * {@link #OFF} ends it all.
 */
enum ChaosAction {

	/** Every call takes 2 to 3 seconds: slower than the read timeout. */
	SLOW("slow"),

	/** Every call fails with a 500: the breaker opens. */
	ERRORS("errors"),

	/** Every third call fails with a 500: what the retry hides. */
	EVERY_THIRD("every-third"),

	/** Calls never answer: only a timeout helps; the unprotected level piles up. */
	HANG("hang"),

	/** Connection refused: a fast failure. */
	OUTAGE("outage"),

	/** Refused for 5 s, up for 5 s, again: the breaker opens, probes and closes. */
	FLAPPING("flapping"),

	/** Everything off: {@code DELETE /chaos}. */
	OFF("off");

	private final String id;

	ChaosAction(String id) {
		this.id = id;
	}

	/** The scenario's name, in URLs and on its button. */
	String id() {
		return this.id;
	}

	/** The action with this id, if any. */
	static Optional<ChaosAction> fromId(String id) {
		return Arrays.stream(values()).filter((action) -> action.id.equals(id)).findFirst();
	}

	/** Every action's id, comma-separated, for error messages. */
	static String allowedIds() {
		return Arrays.stream(values()).map(ChaosAction::id).collect(Collectors.joining(", "));
	}

}
