package dev.faultline.ui.replica;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One replica as the health details show it (under {@code replicas} in
 * {@code /actuator/health}).
 *
 * @param replica its name, {@code host:port}
 * @param rotation in rotation, ejected, or on trial
 * @param breaker its breaker's state, such as {@code CLOSED}
 * @param calls the calls its breaker's window holds (the last 10 seconds)
 * @param failures how many of those failed
 */
public record ReplicaState(String replica, Status rotation, String breaker, int calls, int failures) {

	/** Whether attempts go to the replica. */
	public enum Status {

		/** It takes its turn: its breaker is closed. */
		IN_ROTATION,

		/** Out of rotation: its breaker is open, no attempt goes to it. */
		EJECTED,

		/** Its breaker is half-open: one trial call decides whether it is back. */
		TRIAL;

		/**
		 * The lower-case, space-separated label used in JSON, such as
		 * {@code in rotation}.
		 */
		@JsonValue
		public String label() {
			return name().toLowerCase(Locale.ROOT).replace('_', ' ');
		}

	}

}
