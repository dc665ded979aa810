package dev.faultline.ui.resilience;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * What hedged reads share: the hedge delay, the hedge budget and the timer that sends
 * hedges ({@link BackendCall#hedged}).
 *
 * <ul>
 * <li><b>The delay</b> is {@code faultline.hedge.delay} when set; otherwise a percentile
 * of the latencies of recent successful attempts (hedged reads' own, so a level that
 * waits on a hanging replica does not teach the others to wait), between a floor and a
 * ceiling. A hanging or stopped replica never answers, so it never makes the delay
 * longer; a healthy read slower than the percentile is hedged, which is what keeps the
 * tail short.</li>
 * <li><b>The budget</b> caps hedges at a share of hedged reads, as the retry budget caps
 * retries: when every replica is slow (the backend as a whole), hedging would only double
 * the load, and the budget soon says no.</li>
 * </ul>
 */
@Component
public class Hedging implements DisposableBean {

	private final HedgeProperties properties;

	private final TokenBucket budget;

	private final ScheduledThreadPoolExecutor timer;

	private final long[] latencies;

	private int recorded;

	private volatile long derivedNanos;

	Hedging(HedgeProperties properties) {
		this.properties = properties;
		this.budget = new TokenBucket(properties.budgetRatio(), properties.budgetCapacity());
		CustomizableThreadFactory threads = new CustomizableThreadFactory("hedge-timer-");
		threads.setDaemon(true);
		this.timer = new ScheduledThreadPoolExecutor(1, threads);
		// Nearly every read answers before its hedge is due: its timer must not wait in
		// the queue until then.
		this.timer.setRemoveOnCancelPolicy(true);
		this.latencies = new long[properties.samples()];
		this.derivedNanos = properties.maxDelay().toNanos();
	}

	/** How long a hedged read waits for its first attempt before it sends a second. */
	public Duration delay() {
		Duration fixed = this.properties.delay();
		return (fixed != null) ? fixed : Duration.ofNanos(this.derivedNanos);
	}

	/** The hedges the budget allows right now. */
	public double available() {
		return this.budget.tokens();
	}

	/** What the health details show: the delay now, and the budget. */
	public Status status() {
		return new Status(delay().toMillis(), this.properties.delay() == null,
				Math.floor(this.budget.tokens() * 10) / 10, this.properties.budgetRatio(),
				this.properties.budgetCapacity());
	}

	/** Fills the budget again and forgets the latencies, as at start-up. */
	public synchronized void reset() {
		this.budget.fill();
		this.recorded = 0;
		this.derivedNanos = this.properties.maxDelay().toNanos();
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

	/** Runs the hedge once the delay has passed, unless cancelled first. */
	ScheduledFuture<?> afterDelay(Runnable hedge) {
		return this.timer.schedule(hedge, delay().toNanos(), TimeUnit.NANOSECONDS);
	}

	/** A hedged read was made: it earns its share of a hedge. */
	void recordRead() {
		this.budget.earn();
	}

	/** Spends a hedge token, if there is one. */
	boolean tryHedge() {
		return this.budget.spend();
	}

	/** A successful attempt of a hedged read took this long. */
	synchronized void recordLatency(long nanos) {
		this.latencies[this.recorded % this.latencies.length] = nanos;
		this.recorded++;
		int count = Math.min(this.recorded, this.latencies.length);
		if (count < this.properties.minSamples()) {
			return;
		}
		long[] sorted = Arrays.copyOf(this.latencies, count);
		Arrays.sort(sorted);
		int index = (int) Math.ceil(this.properties.percentile() * count) - 1;
		long percentile = sorted[Math.max(0, Math.min(count - 1, index))];
		this.derivedNanos = Math.max(this.properties.minDelay().toNanos(),
				Math.min(this.properties.maxDelay().toNanos(), percentile));
	}

	/**
	 * The hedge as {@code /actuator/health} shows it, under {@code resilience.hedge}.
	 *
	 * @param delayMs the hedge delay now
	 * @param derived whether it follows recent latency ({@code false}: fixed by
	 * configuration)
	 * @param tokens the hedges the budget allows right now
	 * @param budgetRatio tokens each hedged read earns
	 * @param budgetCapacity the most tokens the budget holds
	 */
	public record Status(long delayMs, boolean derived, double tokens, double budgetRatio, int budgetCapacity) {
	}

}
