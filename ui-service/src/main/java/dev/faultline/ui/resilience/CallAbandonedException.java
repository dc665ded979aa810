package dev.faultline.ui.resilience;

import dev.faultline.ui.backend.BackendException;
import dev.faultline.ui.backend.FailureReason;

/**
 * An attempt that was cancelled, or never started, because the user-facing call was
 * already answered (by the deadline or a fallback). Never retried; the circuit breaker
 * records it as a failure, since only a backend too slow for the deadline leaves attempts
 * running.
 */
public class CallAbandonedException extends BackendException {

	CallAbandonedException() {
		super("The call was already answered; attempt abandoned", FailureReason.TIMEOUT, false, null);
	}

}
