package dev.faultline.ui.dashboard;

import dev.faultline.ui.system.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Every dashboard stream the UI allows is taken: answered 503 with {@code Retry-After},
 * so dashboards cannot eat the UI's connections.
 */
class TooManyStreamsException extends ErrorResponseException {

	TooManyStreamsException(int max) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(max), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
	}

	private static ProblemDetail problem(int max) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"All " + max + " dashboard streams are in use; close a dashboard and try again.");
		problem.setType(ProblemTypes.TOO_MANY_STREAMS);
		problem.setTitle("Too many dashboard streams");
		return problem;
	}

}
