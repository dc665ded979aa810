package dev.faultline.ui.dashboard;

/**
 * The backend's chaos API did not take a chaos action (not running, or it refused): answered 502.
 */
class ChaosUnavailableException extends RuntimeException {

	ChaosUnavailableException(ChaosAction action, String problem, Throwable cause) {
		super("Chaos action '" + action.id() + "' failed: " + problem, cause);
	}

}
