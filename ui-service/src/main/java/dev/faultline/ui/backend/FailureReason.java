package dev.faultline.ui.backend;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why the backend's data could not be fetched live; shown on the page and in the feed's
 * {@code reason}.
 */
public enum FailureReason {

	/** No answer within a timeout or the overall deadline. */
	TIMEOUT,

	/** The circuit breaker is open: the call was not even attempted. */
	CIRCUIT_OPEN,

	/**
	 * Too many calls to the backend were already in flight: this one was turned away at
	 * once.
	 */
	BULKHEAD_FULL,

	/**
	 * Every thread of the UI's attempt pool was busy (the limit beside the bulkhead, at
	 * every protected level): the attempt was refused at once.
	 */
	ATTEMPT_POOL_FULL,

	/** The backend answered with an error, a broken response or reset the connection. */
	BACKEND_ERROR,

	/** Nothing listens on the backend's port: the connection was refused. */
	REFUSED;

	/**
	 * The lower-case, space-separated label used in JSON and on the page, such as
	 * {@code circuit open}.
	 */
	@JsonValue
	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

}
