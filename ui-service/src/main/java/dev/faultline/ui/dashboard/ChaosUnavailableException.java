package dev.faultline.ui.dashboard;

import dev.faultline.ui.system.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No replica's chaos API took a chaos action (not running, or it refused): answered 502,
 * naming each replica and what went wrong there.
 */
class ChaosUnavailableException extends ErrorResponseException {

	ChaosUnavailableException(ChaosAction action, String problems) {
		super(HttpStatus.BAD_GATEWAY, problem("Chaos action '" + action.id() + "' failed: " + problems), null);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, detail);
		problem.setType(ProblemTypes.CHAOS_UNAVAILABLE);
		problem.setTitle("Chaos API unavailable");
		return problem;
	}

}
