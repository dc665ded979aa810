package dev.faultline.ui.backend;

import java.util.List;

import dev.faultline.ui.system.Violation;

/**
 * The backend answered with a 4xx status: the request itself is wrong, so repeating it
 * can never help and the backend is healthy (the circuit breaker ignores it).
 *
 * <p>
 * For a 400 the backend's problem+json {@code errors} are kept, so the form can show them
 * next to the fields.
 */
public class BackendRejectedException extends BackendException {

	private final int status;

	private final List<Violation> errors;

	BackendRejectedException(int status, List<Violation> errors) {
		super("Backend rejected the request with " + status, FailureReason.BACKEND_ERROR, false, null);
		this.status = status;
		this.errors = List.copyOf(errors);
	}

	/** The HTTP status the backend answered with. */
	public int status() {
		return this.status;
	}

	/** The broken rules the backend listed, possibly none. */
	public List<Violation> errors() {
		return this.errors;
	}

}
