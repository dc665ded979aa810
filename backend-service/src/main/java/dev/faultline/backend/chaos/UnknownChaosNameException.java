package dev.faultline.backend.chaos;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A fault or scenario name that does not exist: a 404 problem listing the known names.
 */
class UnknownChaosNameException extends ErrorResponseException {

	UnknownChaosNameException(String message) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, message), null);
	}

}
