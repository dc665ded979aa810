package dev.faultline.backend.system;

import java.net.URI;

/**
 * The {@code type} URIs of Faultline's own problems; plain HTTP errors (404, 405, 415)
 * use {@code about:blank}.
 */
public final class ProblemTypes {

	/** The request broke one or more rules, listed under {@code errors}. */
	public static final URI VALIDATION = URI.create("https://faultline.dev/problems/validation");

	/** The request body could not be read as JSON. */
	public static final URI MALFORMED = URI.create("https://faultline.dev/problems/malformed-request");

	/** The request body was larger than the API accepts. */
	public static final URI TOO_LARGE = URI.create("https://faultline.dev/problems/payload-too-large");

	/** An Idempotency-Key came back with a different request. */
	public static final URI IDEMPOTENCY_KEY_REUSED = URI
		.create("https://faultline.dev/problems/idempotency-key-reused");

	/** A failure injected on purpose by the chaos API: the request was not processed. */
	public static final URI CHAOS_INJECTED = URI.create("https://faultline.dev/problems/chaos-injected");

	/**
	 * The database could not be reached or did not answer in time: the request may be
	 * retried, a write with its Idempotency-Key, which makes it stored at most once (a
	 * commit cut off on its way may have arrived).
	 */
	public static final URI DATABASE_UNAVAILABLE = URI.create("https://faultline.dev/problems/database-unavailable");

	private ProblemTypes() {
	}

}
