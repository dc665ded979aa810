package dev.faultline.ui.resilience;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The protection levels the talk builds up through, from no protection at all to every
 * pattern. Each level is its own client bean and uses its {@link #id()} as the name of
 * each of its Resilience4j instances (time limiter, retry, circuit breaker, bulkhead), so
 * levels never share state; the names are written once, in {@link Names}.
 */
public enum ProtectionLevel {

	/**
	 * A plain call with the HTTP library's defaults: no timeout at all. This one hangs
	 * and cascades.
	 */
	NONE(Names.NONE),

	/** Connect and read timeouts per attempt, plus an overall deadline. */
	TIMEOUT(Names.TIMEOUT, ResiliencePattern.TIME_LIMITER),

	/**
	 * + retry of transient failures with exponential backoff, jitter and a retry budget.
	 */
	RETRY(Names.RETRY, ResiliencePattern.TIME_LIMITER, ResiliencePattern.RETRY),

	/** + circuit breaker. */
	CIRCUIT_BREAKER(Names.CIRCUIT_BREAKER, ResiliencePattern.TIME_LIMITER, ResiliencePattern.RETRY,
			ResiliencePattern.CIRCUIT_BREAKER),

	/** + last-known-good cache served with its age and the reason. */
	FALLBACK(Names.FALLBACK, ResiliencePattern.TIME_LIMITER, ResiliencePattern.RETRY, ResiliencePattern.CIRCUIT_BREAKER,
			ResiliencePattern.FALLBACK),

	/** + bulkhead: a hanging backend cannot take the UI's request threads. */
	FULL(Names.FULL, ResiliencePattern.TIME_LIMITER, ResiliencePattern.RETRY, ResiliencePattern.CIRCUIT_BREAKER,
			ResiliencePattern.FALLBACK, ResiliencePattern.BULKHEAD);

	/** The level used when none is asked for. */
	public static final ProtectionLevel DEFAULT = FULL;

	private final String id;

	private final Set<ResiliencePattern> patterns;

	ProtectionLevel(String id, ResiliencePattern... patterns) {
		this.id = id;
		this.patterns = Collections.unmodifiableSet(
				(patterns.length == 0) ? EnumSet.noneOf(ResiliencePattern.class) : EnumSet.of(patterns[0], patterns));
	}

	/**
	 * The level's name in URLs and JSON, such as {@code circuit-breaker}; also its
	 * Resilience4j instance name.
	 */
	@JsonValue
	public String id() {
		return this.id;
	}

	/** The patterns this level uses: the previous level's plus one. */
	public Set<ResiliencePattern> patterns() {
		return this.patterns;
	}

	/** Whether this level uses the pattern. */
	public boolean uses(ResiliencePattern pattern) {
		return this.patterns.contains(pattern);
	}

	/** The level with this id, if any. */
	public static Optional<ProtectionLevel> fromId(String id) {
		return Arrays.stream(values()).filter((level) -> level.id.equals(id)).findFirst();
	}

	/** Every level's id, comma-separated, for error messages. */
	public static String allowedIds() {
		return Arrays.stream(values()).map(ProtectionLevel::id).collect(Collectors.joining(", "));
	}

	/**
	 * The level ids as compile-time constants, for annotation attributes such as
	 * {@code @CircuitBreaker(name = Names.FULL)} and for
	 * {@code resilience4j.*.instances.<name>} in YAML.
	 */
	public static final class Names {

		/** Level {@link ProtectionLevel#NONE}. */
		public static final String NONE = "none";

		/** Level {@link ProtectionLevel#TIMEOUT}. */
		public static final String TIMEOUT = "timeout";

		/** Level {@link ProtectionLevel#RETRY}. */
		public static final String RETRY = "retry";

		/** Level {@link ProtectionLevel#CIRCUIT_BREAKER}. */
		public static final String CIRCUIT_BREAKER = "circuit-breaker";

		/** Level {@link ProtectionLevel#FALLBACK}. */
		public static final String FALLBACK = "fallback";

		/** Level {@link ProtectionLevel#FULL}. */
		public static final String FULL = "full";

		private Names() {
		}

	}

}
