package dev.faultline.ui.backend;

/**
 * A failed call to the backend. The subclasses say what went wrong;
 * {@link #isTransient()} says whether trying again could help, which is what the retry
 * predicate and the circuit breaker look at.
 */
public abstract class BackendException extends RuntimeException {

	private final FailureReason reason;

	private final boolean transientFailure;

	protected BackendException(String message, FailureReason reason, boolean transientFailure, Throwable cause) {
		super(message, cause);
		this.reason = reason;
		this.transientFailure = transientFailure;
	}

	/** What the user is told about the failure. */
	public FailureReason reason() {
		return this.reason;
	}

	/**
	 * Whether the same request could succeed if sent again: IO errors, timeouts and 5xx,
	 * and only if safe.
	 */
	public boolean isTransient() {
		return this.transientFailure;
	}

}
