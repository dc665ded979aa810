package dev.faultline.ui.dashboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.lang.Nullable;

/**
 * The rolling two minutes of one level's feed reads, in one-second buckets: how many were
 * live, served from cache or failed, and their latencies for p50/p99. Old buckets are
 * reused as time moves on, so memory stays fixed.
 */
final class TrafficWindow {

	/** Seconds of history kept: the width of the dashboard's charts. */
	static final int SECONDS = 120;

	/**
	 * Latency samples kept per second; far above the generator's 50 req/s, and a bound on
	 * memory.
	 */
	static final int SAMPLES_PER_SECOND = 1000;

	private final Bucket[] buckets = new Bucket[SECONDS];

	TrafficWindow() {
		for (int i = 0; i < SECONDS; i++) {
			this.buckets[i] = new Bucket();
		}
	}

	/** How a read ended for the user. */
	enum Outcome {

		/** Fresh from the backend. */
		LIVE,

		/** From the last-known-good cache. */
		CACHED,

		/** No messages: an error (level none) or "unavailable". */
		FAILED

	}

	/** Counts one read that ended at {@code nowMs} after {@code latencyMs}. */
	synchronized void record(Outcome outcome, long latencyMs, long nowMs) {
		Bucket bucket = bucket(nowMs / 1000);
		switch (outcome) {
			case LIVE -> bucket.live++;
			case CACHED -> bucket.cached++;
			case FAILED -> bucket.failed++;
		}
		if (bucket.samples < SAMPLES_PER_SECOND) {
			bucket.latencies[bucket.samples++] = latencyMs;
		}
	}

	/** The point of the last complete second before {@code nowMs}. */
	synchronized TrafficPoint latest(long nowMs) {
		return point(nowMs / 1000 - 1);
	}

	/** The last {@link #SECONDS} complete seconds before {@code nowMs}, oldest first. */
	synchronized List<TrafficPoint> history(long nowMs) {
		long current = nowMs / 1000;
		List<TrafficPoint> points = new ArrayList<>(SECONDS);
		for (long second = current - SECONDS; second < current; second++) {
			points.add(point(second));
		}
		return points;
	}

	/**
	 * Totals and percentiles over the last {@code seconds} complete seconds before
	 * {@code nowMs}.
	 */
	synchronized Recent recent(long nowMs, int seconds) {
		long current = nowMs / 1000;
		int live = 0;
		int cached = 0;
		int failed = 0;
		long[] all = new long[0];
		for (long second = current - seconds; second < current; second++) {
			Bucket bucket = this.buckets[index(second)];
			if (bucket.second != second) {
				continue;
			}
			live += bucket.live;
			cached += bucket.cached;
			failed += bucket.failed;
			int from = all.length;
			all = Arrays.copyOf(all, from + bucket.samples);
			System.arraycopy(bucket.latencies, 0, all, from, bucket.samples);
		}
		Arrays.sort(all);
		return new Recent(seconds, live, cached, failed, (live + cached + failed) / (double) seconds,
				percentile(all, 50), percentile(all, 99));
	}

	private TrafficPoint point(long second) {
		Bucket bucket = this.buckets[index(second)];
		if (bucket.second != second) {
			return new TrafficPoint(second * 1000, 0, 0, 0, null, null);
		}
		long[] sorted = Arrays.copyOf(bucket.latencies, bucket.samples);
		Arrays.sort(sorted);
		return new TrafficPoint(second * 1000, bucket.live, bucket.cached, bucket.failed, percentile(sorted, 50),
				percentile(sorted, 99));
	}

	private Bucket bucket(long second) {
		Bucket bucket = this.buckets[index(second)];
		if (bucket.second != second) {
			bucket.reset(second);
		}
		return bucket;
	}

	private static int index(long second) {
		return (int) Math.floorMod(second, (long) SECONDS);
	}

	/** Nearest-rank percentile of sorted values; {@code null} when there are none. */
	@Nullable
	static Long percentile(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return null;
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

	private static final class Bucket {

		private long second = Long.MIN_VALUE;

		private int live;

		private int cached;

		private int failed;

		private final long[] latencies = new long[SAMPLES_PER_SECOND];

		private int samples;

		void reset(long second) {
			this.second = second;
			this.live = 0;
			this.cached = 0;
			this.failed = 0;
			this.samples = 0;
		}

	}

	/**
	 * One second of reads at one level: a point on the dashboard's charts.
	 *
	 * @param t the second's start, epoch milliseconds
	 * @param live reads answered live
	 * @param cached reads answered from the cache
	 * @param failed reads that got no messages
	 * @param p50 median latency in ms; {@code null} without reads
	 * @param p99 99th percentile latency in ms; {@code null} without reads
	 */
	record TrafficPoint(long t, int live, int cached, int failed, @Nullable Long p50, @Nullable Long p99) {
	}

	/**
	 * The reads of the last few seconds, for the numbers beside the chart.
	 *
	 * @param seconds how many seconds are summed
	 * @param live reads answered live
	 * @param cached reads answered from the cache
	 * @param failed reads that got no messages
	 * @param ratePerSecond reads per second
	 * @param p50 median latency in ms; {@code null} without reads
	 * @param p99 99th percentile latency in ms; {@code null} without reads
	 */
	record Recent(int seconds, int live, int cached, int failed, double ratePerSecond, @Nullable Long p50,
			@Nullable Long p99) {

		/** All reads. */
		int total() {
			return this.live + this.cached + this.failed;
		}

	}

}
