package dev.faultline.backend.chaos;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A fault that configuration does not allow, such as {@code crash} without
 * {@code faultline.chaos.allow-crash=true}: a 403 problem; nothing was changed.
 */
class ChaosForbiddenException extends ErrorResponseException {

	ChaosForbiddenException(String message) {
		super(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, message), null);
	}

}
