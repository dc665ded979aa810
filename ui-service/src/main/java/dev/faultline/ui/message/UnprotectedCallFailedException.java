package dev.faultline.ui.message;

import dev.faultline.ui.backend.FailureReason;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.system.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A backend failure at level {@code none}, which has no way to handle it: it reaches the
 * user as an error (502 Bad Gateway), exactly as in an application without the patterns.
 * The feed answers it with its problem, the page with the error page.
 */
class UnprotectedCallFailedException extends ErrorResponseException {

	private final FailureReason reason;

	private final long elapsedMs;

	UnprotectedCallFailedException(FailureReason reason, long elapsedMs, Throwable cause) {
		super(HttpStatus.BAD_GATEWAY, problem(reason, elapsedMs), cause);
		this.reason = reason;
		this.elapsedMs = elapsedMs;
	}

	FailureReason reason() {
		return this.reason;
	}

	long elapsedMs() {
		return this.elapsedMs;
	}

	private static ProblemDetail problem(FailureReason reason, long elapsedMs) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"The backend call failed (" + reason.label() + ") after " + elapsedMs
						+ " ms; level none has no timeout, retry, breaker or fallback.");
		problem.setType(ProblemTypes.BACKEND_FAILED);
		problem.setTitle("Backend call failed");
		problem.setProperty("level", ProtectionLevel.NONE.id());
		problem.setProperty("reason", reason.label());
		problem.setProperty("elapsedMs", elapsedMs);
		return problem;
	}

}
