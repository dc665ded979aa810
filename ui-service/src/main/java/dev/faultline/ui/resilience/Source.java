package dev.faultline.ui.resilience;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where the messages on a page came from.
 */
public enum Source {

	/** Fetched from the backend for this request. */
	LIVE,

	/** Served from the last-known-good cache because the live call failed. */
	CACHE,

	/** Neither: the live call failed and nothing was cached yet. */
	NONE;

	/** The lower-case name used in JSON and CSS classes. */
	@JsonValue
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
