package dev.faultline.ui.system;

import java.net.URI;

/**
 * The {@code type} URIs of the UI's own problems, in one place; plain HTTP errors (404,
 * 405, 415) use {@code about:blank}. The validation type is the backend's too.
 */
public final class ProblemTypes {

	/** The request broke one or more rules, listed under {@code errors}. */
	public static final URI VALIDATION = URI.create("https://faultline.dev/problems/validation");

	/** A backend failure passed through by the unprotected level. */
	public static final URI BACKEND_FAILED = URI.create("https://faultline.dev/problems/backend-failed");

	/** All dashboard streams are taken. */
	public static final URI TOO_MANY_STREAMS = URI.create("https://faultline.dev/problems/too-many-streams");

	/** The backend's chaos API did not take the action. */
	public static final URI CHAOS_UNAVAILABLE = URI.create("https://faultline.dev/problems/chaos-unavailable");

	/** A dashboard control asked by a browser that is not the speaker's. */
	public static final URI SPEAKER_ONLY = URI.create("https://faultline.dev/problems/speaker-only");

	private ProblemTypes() {
	}

}
