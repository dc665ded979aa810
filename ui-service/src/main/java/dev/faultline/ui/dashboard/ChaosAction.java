package dev.faultline.ui.dashboard;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A button of the dashboard's chaos panel. Each is one of the backend's chaos scenarios
 * under its own name ({@code PUT /chaos/scenarios/{name}}); what a scenario does is said
 * once, by the backend ({@code GET /chaos/scenarios}, {@code scripts/chaos scenarios}),
 * and {@code ChaosActionTests} checks that every button names one. Each constant says
 * what its button shows on stage. A scenario replaces whatever was active, so each button
 * leaves exactly one kind of trouble behind; {@link #OFF} ends it all.
 */
enum ChaosAction {

	/** Slower than the read timeout: the timeout, then the retry, give up in time. */
	SLOW("slow"),

	/** The breaker opens. */
	ERRORS("errors"),

	/** What the retry hides. */
	EVERY_THIRD("every-third"),

	/** Only a timeout helps; the unprotected level piles up. */
	HANG("hang"),

	/** A fast failure. */
	OUTAGE("outage"),

	/** The breaker opens, probes and closes, again and again. */
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
