package dev.faultline.benchmarks;

import java.util.List;

/** The ui-service's protection levels as the benchmarks name them, weakest first. */
public final class Levels {

	/** No protection: the baseline every ratio divides by. */
	public static final String NONE = "none";

	/** Every pattern: the level the benchmarks compare with {@link #NONE}. */
	public static final String FULL = "full";

	/**
	 * Every level, in the order tables and charts show them: one UI is started per level.
	 * What each level does (its deadline, whether it retries or has a breaker) is read
	 * from the running UIs ({@link ServiceSettings}), never restated here.
	 */
	public static final List<String> ALL = List.of(NONE, "timeout", "retry", "circuit-breaker", "fallback", FULL);

	private Levels() {
	}

}
