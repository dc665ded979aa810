package dev.faultline.benchmarks;

import java.util.List;

/** The ui-service's protection levels as the benchmarks name them, weakest first. */
public final class Levels {

	/** No protection: the baseline every ratio divides by. */
	public static final String NONE = "none";

	/** Every pattern: the level the benchmarks compare with {@link #NONE}. */
	public static final String FULL = "full";

	/** Every level, in the order tables and charts show them. */
	public static final List<String> ALL = List.of(NONE, "timeout", "retry", "circuit-breaker", "fallback", FULL);

	/**
	 * The levels that retry, each with a retry budget of its own (the UI's
	 * {@code faultline.resilience.retry-budget-*}).
	 */
	public static final List<String> WITH_RETRY = List.of("retry", "circuit-breaker", "fallback", FULL);

	/** The levels that have a circuit breaker (named after the level). */
	public static final List<String> WITH_BREAKER = List.of("circuit-breaker", "fallback", FULL);

	/**
	 * The protected levels' deadline: an answer later than this counts as not within it.
	 */
	public static final long DEADLINE_MS = 2000;

	private Levels() {
	}

}
