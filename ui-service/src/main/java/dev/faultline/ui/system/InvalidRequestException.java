package dev.faultline.ui.system;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request that breaks one rule: a 400 problem whose {@code errors} name the field and
 * the rule, the same shape as the backend's. Answered by {@link ApiProblems} for the UI's
 * JSON endpoints.
 */
public class InvalidRequestException extends ErrorResponseException {

	public InvalidRequestException(String field, String rule, String message) {
		super(HttpStatus.BAD_REQUEST, problem(new Violation(field, rule, message)), null);
	}

	private static ProblemDetail problem(Violation violation) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request breaks 1 rule(s), on: " + violation.field() + ".");
		problem.setType(ProblemTypes.VALIDATION);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(violation));
		return problem;
	}

}
