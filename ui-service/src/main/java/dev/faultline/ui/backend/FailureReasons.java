package dev.faultline.ui.backend;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

/**
 * Maps whatever ended a call (an HTTP failure, or a Resilience4j pattern saying no) to
 * the reason shown to users.
 */
public final class FailureReasons {

	private FailureReasons() {
	}

	/**
	 * The reason for the failure, looking through the wrappers of asynchronous execution.
	 */
	public static FailureReason of(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof TimeoutException) {
			return FailureReason.TIMEOUT;
		}
		if (cause instanceof CallNotPermittedException) {
			return FailureReason.CIRCUIT_OPEN;
		}
		if (cause instanceof BulkheadFullException) {
			return FailureReason.BULKHEAD_FULL;
		}
		if (cause instanceof RejectedExecutionException) {
			return FailureReason.ATTEMPT_POOL_FULL;
		}
		if (cause instanceof BackendException backend) {
			return backend.reason();
		}
		return FailureReason.BACKEND_ERROR;
	}

	/**
	 * The exception inside {@link CompletionException} and {@link ExecutionException}
	 * wrappers.
	 */
	public static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
