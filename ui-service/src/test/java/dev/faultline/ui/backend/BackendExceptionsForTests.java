package dev.faultline.ui.backend;

import java.util.List;

/**
 * Creates the backend exceptions, whose constructors are package-private, for tests in
 * other packages.
 */
public final class BackendExceptionsForTests {

	private BackendExceptionsForTests() {
	}

	/** An IO-level failure of a read. */
	public static BackendException unavailable(Throwable cause) {
		return new BackendUnavailableException("test", true, cause);
	}

	/** A 5xx answer. */
	public static BackendException serverError(int status, boolean safeToRepeat) {
		return new BackendServerException(status, safeToRepeat);
	}

	/** A 4xx answer without field errors. */
	public static BackendException rejected(int status) {
		return new BackendRejectedException(status, List.of());
	}

}
