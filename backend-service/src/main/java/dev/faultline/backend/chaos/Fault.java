package dev.faultline.backend.chaos;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of failure the chaos API can inject, in the order they are applied when
 * several select the same request: connection faults first, then delays, then a failed
 * answer, then a broken body.
 */
enum Fault {

	/**
	 * The API port refuses new connections; a request on a connection opened before is
	 * dropped.
	 */
	DOWN(Set.of()),

	/** The connection is closed without a single byte of response. */
	RESET(Set.of()),

	/**
	 * The request is held without an answer until the client gives up or {@code maxMs}
	 * passes.
	 */
	HANG(Set.of("maxMs")),

	/**
	 * The answer is delayed by {@code ms}, or by a uniform random time in
	 * {@code minMs..maxMs}.
	 */
	LATENCY(Set.of("ms", "minMs", "maxMs")),

	/**
	 * An HTTP error {@code status} with a problem+json body, and {@code Retry-After} if
	 * asked for.
	 */
	ERROR(Set.of("status", "retryAfter")),

	/**
	 * The body is cut off: fewer bytes than {@code Content-Length} promises, then the
	 * connection closes.
	 */
	TRUNCATE(Set.of()),

	/** The body is not valid JSON, with a success status. */
	MALFORMED(Set.of()),

	/**
	 * Status and headers at once, then the body in {@code chunkBytes} pieces every
	 * {@code chunkDelayMs}.
	 */
	SLOW_BODY(Set.of("chunkBytes", "chunkDelayMs")),

	/**
	 * Alternates failing ({@code downMs}, first) and healthy ({@code upMs}) with a
	 * failure {@code kind}.
	 */
	FLAP(Set.of("upMs", "downMs", "kind")),

	/** Readiness health reports OUT_OF_SERVICE while liveness stays UP. */
	READINESS(Set.of()),

	/**
	 * The process exits after {@code delayMs}; only when
	 * {@code faultline.chaos.allow-crash=true}.
	 */
	CRASH(Set.of("delayMs"));

	/** The faults a flap can alternate with. */
	static final List<Fault> FLAP_KINDS = List.of(DOWN, RESET, HANG, LATENCY, ERROR, TRUNCATE, MALFORMED, SLOW_BODY,
			READINESS);

	private final Set<String> settings;

	Fault(Set<String> settings) {
		this.settings = settings;
	}

	/** The name used in URLs, JSON and headers: {@code slow-body}. */
	String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The settings of this fault besides selector, scope and duration. */
	Set<String> settings() {
		return this.settings;
	}

	/**
	 * Whether the fault acts on single requests, so that a selector and a scope apply;
	 * the others act on the whole process (port, readiness, exit).
	 */
	boolean perRequest() {
		return this != DOWN && this != READINESS && this != CRASH;
	}

	static Optional<Fault> of(String id) {
		return Arrays.stream(values()).filter((fault) -> fault.id().equals(id)).findFirst();
	}

	static List<String> ids(List<Fault> faults) {
		return faults.stream().map(Fault::id).toList();
	}

}
