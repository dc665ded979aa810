package dev.faultline.ui.message;

import dev.faultline.ui.backend.FailureReason;

/**
 * A backend failure at level {@code none}, which has no way to handle it: it reaches the user as an error
 * (502 Bad Gateway), exactly as in an application without the patterns.
 */
class UnprotectedCallFailedException extends RuntimeException {

	private final FailureReason reason;

	private final long elapsedMs;

	UnprotectedCallFailedException(FailureReason reason, long elapsedMs, Throwable cause) {
		super("The backend call failed (" + reason.label() + ") after " + elapsedMs + " ms", cause);
		this.reason = reason;
		this.elapsedMs = elapsedMs;
	}

	FailureReason reason() {
		return this.reason;
	}

	long elapsedMs() {
		return this.elapsedMs;
	}

}
