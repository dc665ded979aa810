package dev.faultline.ui.dashboard;

import java.util.Set;

import dev.faultline.ui.dashboard.TrafficWindow.Recent;
import dev.faultline.ui.dashboard.TrafficWindow.TrafficPoint;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.ResiliencePattern;

import org.springframework.lang.Nullable;

/**
 * Everything the dashboard shows for one protection level at one moment: one column of
 * the page. A pattern the level does not use is {@code null}.
 *
 * @param level the level, as its id
 * @param patterns the patterns the level uses, such as {@code CIRCUIT_BREAKER}
 * @param lamp the big lamp's colour: {@code green}, {@code amber}, {@code red}, or
 * {@code grey} (no traffic and no breaker to ask); from the breaker's state where there
 * is one, otherwise from the last 10 s of reads
 * @param breaker the circuit breaker
 * @param retry the retry
 * @param timeLimiter the overall deadline
 * @param bulkhead the bulkhead
 * @param latest the last complete second of reads (the newest chart point)
 * @param recent the last 10 seconds of reads
 */
record LevelSnapshot(ProtectionLevel level, Set<ResiliencePattern> patterns, String lamp, @Nullable Breaker breaker,
		@Nullable RetryCounts retry, @Nullable Deadline timeLimiter, @Nullable BulkheadUse bulkhead,
		TrafficPoint latest, Recent recent) {

	/**
	 * The circuit breaker of a level.
	 *
	 * @param state {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN} (or another
	 * Resilience4j state)
	 * @param since when it entered the state, epoch ms
	 * @param timeInStateMs how long it has been in the state
	 * @param nextHalfOpenAt when an open breaker will let trial calls through, epoch ms;
	 * {@code null} unless open
	 * @param failureRate failure rate of the window in percent; -1 until the minimum
	 * number of calls is reached
	 * @param failureRateThreshold the rate that opens the breaker
	 * @param slowCallRate slow-call rate in percent; -1 until the minimum number of calls
	 * is reached
	 * @param slowCallRateThreshold the slow-call rate that opens the breaker
	 * @param slowCallDurationMs slower than this counts as slow
	 * @param bufferedCalls calls in the window now
	 * @param minimumCalls calls needed before a rate counts
	 * @param windowSize the sliding window's size, in {@code windowUnit}
	 * @param windowUnit {@code seconds} for a time-based window, {@code calls} for a
	 * count-based one
	 * @param notPermitted calls refused since the breaker entered this state
	 * @param notPermittedTotal calls refused since the UI started
	 * @param origin the peer replica whose verdict put the breaker in this state, such as
	 * {@code ui-2}; {@code null} when this replica decided
	 */
	record Breaker(String state, long since, long timeInStateMs, @Nullable Long nextHalfOpenAt, float failureRate,
			float failureRateThreshold, float slowCallRate, float slowCallRateThreshold, long slowCallDurationMs,
			int bufferedCalls, int minimumCalls, int windowSize, String windowUnit, long notPermitted,
			long notPermittedTotal, @Nullable String origin) {
	}

	/**
	 * The retry of a level, counted per user call (Resilience4j's retry metrics).
	 *
	 * @param successWithoutRetry calls that succeeded at once
	 * @param successWithRetry calls that succeeded after one or more retries
	 * @param failedWithRetry calls that failed even after retrying
	 * @param failedWithoutRetry calls that failed without a retry (not retryable, or the
	 * budget said no)
	 * @param retries single retry attempts
	 */
	record RetryCounts(long successWithoutRetry, long successWithRetry, long failedWithRetry, long failedWithoutRetry,
			long retries) {
	}

	/**
	 * The time limiter of a level.
	 *
	 * @param timeoutMs the deadline
	 * @param timeouts calls cut by the deadline since the UI started
	 */
	record Deadline(long timeoutMs, long timeouts) {
	}

	/**
	 * The bulkhead of a level.
	 *
	 * @param available permits free now
	 * @param max permits in all
	 * @param rejected calls turned away since the UI started
	 */
	record BulkheadUse(int available, int max, long rejected) {
	}

}
