package dev.faultline.backend.chaos;

import java.util.List;

import dev.faultline.backend.system.ProblemResponses;
import dev.faultline.backend.system.Violation;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A chaos request broke one or more rules; nothing was changed. A 400 problem whose
 * {@code errors} name each.
 */
class InvalidChaosRequestException extends ErrorResponseException {

	private final transient List<Violation> violations;

	InvalidChaosRequestException(List<Violation> violations) {
		super(HttpStatus.BAD_REQUEST, ProblemResponses.invalid(violations), null);
		this.violations = List.copyOf(violations);
	}

	List<Violation> violations() {
		return this.violations;
	}

}
