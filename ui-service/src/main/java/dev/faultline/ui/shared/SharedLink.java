package dev.faultline.ui.shared;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * The state of this replica's link to the others, as health and the dashboard show it:
 * off (not configured), connected, or local only (Redis unreachable: the breakers carry
 * on by themselves). Read without waiting; written by the Redis side.
 */
@Component
public class SharedLink {

	private volatile Status status = Status.OFF;

	@Nullable
	private volatile String problem;

	/** The link now. */
	public Status status() {
		return this.status;
	}

	/** Why the link is local only; {@code null} otherwise. */
	@Nullable
	public String problem() {
		return this.problem;
	}

	void connected() {
		this.status = Status.CONNECTED;
		this.problem = null;
	}

	void localOnly(String problem) {
		this.status = Status.LOCAL_ONLY;
		this.problem = problem;
	}

	/** The link's states. */
	public enum Status {

		/** Sharing is not configured: this replica decides alone, by design. */
		OFF,

		/** Transitions go out to the other replicas and come in from them. */
		CONNECTED,

		/** Redis does not answer: this replica decides alone until it is back. */
		LOCAL_ONLY;

		/** The lower-case label, such as {@code local only}. */
		@JsonValue
		public String label() {
			return name().toLowerCase(Locale.ROOT).replace('_', ' ');
		}

	}

}
