package dev.faultline.backend.message;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * No message has the requested id: answered with a 404 problem.
 */
class MessageNotFoundException extends ErrorResponseException {

	MessageNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND);
		getBody().setTitle("Message not found");
		getBody().setDetail("No message has id " + id + ".");
	}

}
