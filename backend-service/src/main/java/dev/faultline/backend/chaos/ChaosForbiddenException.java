package dev.faultline.backend.chaos;

/**
 * A fault that configuration does not allow, such as {@code crash} without
 * {@code faultline.chaos.allow-crash=true}. Answered with a 403 problem; nothing was changed.
 */
class ChaosForbiddenException extends RuntimeException {

	ChaosForbiddenException(String message) {
		super(message);
	}

}
