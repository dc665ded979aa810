package dev.faultline.ui.verdict;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A verdict on one stream of call outcomes: "failing" after {@code threshold} failures in
 * a row, none of them older than {@code maxAge}. The rate window of a circuit breaker
 * needs an outage to outweigh the healthy calls before it; a run of failures with no
 * success between them says "down" at once, whatever came before (Envoy's
 * {@code consecutive_5xx}, Finagle's failure accrual).
 *
 * <p>
 * It only judges: what the verdict does is its user's business. The circuit breakers trip
 * on it through a {@link FailureRunTrip}: each level's breaker and each replica's. Safe
 * to use from many threads: outcomes count in the order they are reported.
 */
public final class ConsecutiveFailures {

	private final int threshold;

	private final long maxAgeMs;

	private final Clock clock;

	/** When each failure of the current run happened, oldest first. */
	private final Deque<Long> run = new ArrayDeque<>();

	/**
	 * A verdict with no failures yet.
	 * @param threshold how many failures in a row make the verdict
	 * @param maxAge a failure older than this no longer counts, so failures from long ago
	 * never join today's to make a run
	 * @param clock the time the failures are aged with
	 */
	public ConsecutiveFailures(int threshold, Duration maxAge, Clock clock) {
		if (threshold < 1) {
			throw new IllegalArgumentException("threshold must be at least 1, not " + threshold);
		}
		this.threshold = threshold;
		this.maxAgeMs = maxAge.toMillis();
		this.clock = clock;
	}

	/**
	 * A failure. Returns {@code true} when it completes the run: the verdict is
	 * "failing", and the run starts over, so one run makes one verdict.
	 */
	public synchronized boolean failed() {
		long now = this.clock.millis();
		this.run.addLast(now);
		dropOlderThanMaxAge(now);
		if (this.run.size() >= this.threshold) {
			this.run.clear();
			return true;
		}
		return false;
	}

	/** A success: the run is broken. */
	public synchronized void succeeded() {
		this.run.clear();
	}

	/**
	 * Forgets the run without a success: for when what is judged starts over (a breaker
	 * changed state).
	 */
	public synchronized void forget() {
		this.run.clear();
	}

	/** The failures in the current run that still count. */
	public synchronized int failuresInARow() {
		dropOlderThanMaxAge(this.clock.millis());
		return this.run.size();
	}

	/** How many failures in a row make the verdict. */
	public int threshold() {
		return this.threshold;
	}

	private void dropOlderThanMaxAge(long now) {
		while (!this.run.isEmpty() && now - this.run.peekFirst() > this.maxAgeMs) {
			this.run.removeFirst();
		}
	}

}
