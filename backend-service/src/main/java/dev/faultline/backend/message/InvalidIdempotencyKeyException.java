package dev.faultline.backend.message;

import java.util.List;

import dev.faultline.backend.system.ProblemTypes;
import dev.faultline.backend.system.Violation;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The {@code Idempotency-Key} header is empty, repeated, too long or not visible ASCII: a
 * 400 problem.
 */
class InvalidIdempotencyKeyException extends ErrorResponseException {

	InvalidIdempotencyKeyException() {
		super(HttpStatus.BAD_REQUEST);
		getBody().setType(ProblemTypes.VALIDATION);
		getBody().setTitle("Invalid request");
		getBody().setDetail("The Idempotency-Key header must be one value of 1 to 64 visible ASCII characters.");
		Violation.attach(getBody(), List.of(new Violation(MessageController.IDEMPOTENCY_KEY, "pattern",
				"must be 1 to 64 visible ASCII characters")));
	}

}
