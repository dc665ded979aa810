package dev.faultline.backend.chaos;

import java.util.List;

import dev.faultline.backend.system.Violation;

/**
 * A chaos request broke one or more rules; nothing was changed. Answered with a 400 problem listing them.
 */
class InvalidChaosRequestException extends RuntimeException {

	private final transient List<Violation> violations;

	InvalidChaosRequestException(List<Violation> violations) {
		super("Invalid chaos request: " + violations);
		this.violations = List.copyOf(violations);
	}

	List<Violation> violations() {
		return this.violations;
	}

}
