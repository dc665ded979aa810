package dev.faultline.ui.backend;

/**
 * The backend answered with a 5xx status: its failure, possibly temporary.
 */
public class BackendServerException extends BackendException {

	private final int status;

	BackendServerException(int status, boolean safeToRepeat) {
		super("Backend answered " + status, FailureReason.BACKEND_ERROR, safeToRepeat, null);
		this.status = status;
	}

	/** The HTTP status the backend answered with. */
	public int status() {
		return this.status;
	}

}
