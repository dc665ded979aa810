package dev.faultline.ui.dashboard;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import org.springframework.lang.Nullable;

/**
 * What a chaos button did: per replica it was sent to, whether the action took, and then
 * the state the panel shows.
 *
 * @param action the action, such as {@code outage}
 * @param target the target chosen: {@code all} for the whole backend, or one replica's
 * name
 * @param outcomes per replica the action was sent to, in their order
 * @param status every replica's chaos state after the action
 */
record ChaosResult(String action, String target, List<Outcome> outcomes, ChaosStatus status) {

	/** Whether the action took on at least one replica. */
	boolean appliedAnywhere() {
		return this.outcomes.stream().anyMatch((outcome) -> outcome.result() == Result.APPLIED);
	}

	/** How the action went at each replica that did not take it, for a message. */
	String failures() {
		return String.join("; ", this.outcomes.stream()
			.filter((outcome) -> outcome.result() != Result.APPLIED)
			.map((outcome) -> outcome.target() + " " + outcome.result().label() + " (" + outcome.problem() + ")")
			.toList());
	}

	/** How the action went at one replica. */
	enum Result {

		/** The replica's chaos API took it. */
		APPLIED,

		/** No answer: refused connection, timeout, unknown host. */
		UNREACHABLE,

		/** Its chaos API answered with an error status (a missing token, say). */
		REFUSED;

		/** The lower-case label used in JSON, such as {@code applied}. */
		@JsonValue
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * The action at one replica.
	 *
	 * @param target the replica's name, such as {@code backend-2}
	 * @param result applied, unreachable or refused
	 * @param problem what went wrong; {@code null} when applied
	 */
	record Outcome(String target, Result result, @Nullable String problem) {

		static Outcome applied(String target) {
			return new Outcome(target, Result.APPLIED, null);
		}

		static Outcome unreachable(String target, String problem) {
			return new Outcome(target, Result.UNREACHABLE, problem);
		}

		static Outcome refused(String target, String problem) {
			return new Outcome(target, Result.REFUSED, problem);
		}

	}

}
