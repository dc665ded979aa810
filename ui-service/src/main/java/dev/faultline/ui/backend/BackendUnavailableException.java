package dev.faultline.ui.backend;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * The backend could not be reached or its answer could not be read: refused, reset, timed
 * out, cut off or garbled.
 */
public class BackendUnavailableException extends BackendException {

	BackendUnavailableException(String message, boolean safeToRepeat, Throwable cause) {
		super(message, reasonOf(cause), safeToRepeat, cause);
	}

	private static FailureReason reasonOf(Throwable cause) {
		for (Throwable t = cause; t != null; t = t.getCause()) {
			if (t instanceof ConnectException) {
				return FailureReason.REFUSED;
			}
			if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
				return FailureReason.TIMEOUT;
			}
		}
		return FailureReason.BACKEND_ERROR;
	}

}
