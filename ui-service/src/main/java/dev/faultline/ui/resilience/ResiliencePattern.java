package dev.faultline.ui.resilience;

/**
 * One Resilience4j pattern a protection level can add; each has its own registry, so one
 * instance name per level never clashes across patterns.
 */
public enum ResiliencePattern {

	/**
	 * {@code @TimeLimiter}: the overall deadline of one user-facing call, retries
	 * included.
	 */
	TIME_LIMITER,

	/**
	 * {@code @Retry}: repeats transient failures with exponential backoff and jitter,
	 * within the retry budget.
	 */
	RETRY,

	/**
	 * {@code @CircuitBreaker}: stops calling a failing backend and probes it again later.
	 */
	CIRCUIT_BREAKER,

	/**
	 * The last-known-good cache, served through the outermost annotation's
	 * {@code fallbackMethod}.
	 */
	FALLBACK,

	/**
	 * {@code @Bulkhead}: caps concurrent backend calls; the excess is answered from the
	 * fallback at once.
	 */
	BULKHEAD,

	/**
	 * {@link Hedge @Hedge}: a read the first replica is slow to answer goes to a second
	 * one as well; the first good answer wins, within a hedge budget.
	 */
	HEDGE

}
