package dev.faultline.backend.chaos;

/**
 * A fault or scenario name that does not exist. Answered with a 404 problem listing the known names.
 */
class UnknownChaosNameException extends RuntimeException {

	UnknownChaosNameException(String message) {
		super(message);
	}

}
