package dev.faultline.ui.dashboard;

/**
 * Every dashboard stream the UI allows is taken: answered 503, so dashboards cannot eat the UI's connections.
 */
class TooManyStreamsException extends RuntimeException {

	TooManyStreamsException(int max) {
		super("All " + max + " dashboard streams are in use; close a dashboard and try again.");
	}

}
