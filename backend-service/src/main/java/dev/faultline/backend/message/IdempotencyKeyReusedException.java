package dev.faultline.backend.message;

import java.util.List;

import dev.faultline.backend.system.ProblemTypes;
import dev.faultline.backend.system.Violation;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * An {@code Idempotency-Key} was sent again with a different body: answered with a 422
 * problem, because replaying the first response would silently drop what the client sent
 * this time.
 */
class IdempotencyKeyReusedException extends ErrorResponseException {

	IdempotencyKeyReusedException(String key) {
		super(HttpStatus.UNPROCESSABLE_ENTITY);
		getBody().setType(ProblemTypes.IDEMPOTENCY_KEY_REUSED);
		getBody().setTitle("Idempotency-Key reused with a different request");
		getBody().setDetail("The Idempotency-Key '" + key
				+ "' was first used with a different author or text; nothing was stored. Use a new key for a new message.");
		Violation.attach(getBody(), List.of(new Violation(MessageController.IDEMPOTENCY_KEY, "same-request",
				"must only be reused with the same author and text")));
	}

}
