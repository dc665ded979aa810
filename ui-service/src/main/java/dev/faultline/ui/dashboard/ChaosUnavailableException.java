package dev.faultline.ui.dashboard;

import dev.faultline.ui.system.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The backend's chaos API did not take a chaos action (not running, or it refused):
 * answered 502.
 */
class ChaosUnavailableException extends ErrorResponseException {

	ChaosUnavailableException(ChaosAction action, String problem, Throwable cause) {
		super(HttpStatus.BAD_GATEWAY, problem("Chaos action '" + action.id() + "' failed: " + problem), cause);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, detail);
		problem.setType(ProblemTypes.CHAOS_UNAVAILABLE);
		problem.setTitle("Chaos API unavailable");
		return problem;
	}

}
