package dev.faultline.ui.message;

import java.util.List;

import dev.faultline.ui.backend.FailureReason;
import dev.faultline.ui.system.Violation;

/**
 * Posting a message failed; the form comes back filled in, with the reason and any rule
 * the backend named.
 */
class PostFailedException extends RuntimeException {

	private final FailureReason reason;

	private final List<Violation> errors;

	PostFailedException(FailureReason reason, List<Violation> errors, Throwable cause) {
		super("Posting failed: " + reason.label(), cause);
		this.reason = reason;
		this.errors = List.copyOf(errors);
	}

	FailureReason reason() {
		return this.reason;
	}

	/** The rules the backend said the message breaks; empty unless it answered 400. */
	List<Violation> errors() {
		return this.errors;
	}

}
