package dev.faultline.ui.resilience;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Token buckets that cap retries at a share of calls: one per level with a retry, so each
 * level's retries are paid for by that level's own calls. Each call earns {@code ratio}
 * of a token, each retry spends a whole one; when the bucket is empty the failure is
 * returned as it is. Without it, three attempts per call during an outage would triple
 * the load on a backend already down.
 *
 * <p>
 * What it promises, at every level with a retry: over any stretch of {@code n} calls,
 * retries add at most {@code ratio × n + capacity} attempts (the capacity is saved up
 * while calls succeed, and spent first when they start to fail). One bucket for the whole
 * UI broke that promise per level: the calls of levels {@code none} and {@code timeout}
 * earned tokens that only the levels with a retry spent, so during an outage level
 * {@code retry} made 1.6 calls per read with both beside it.
 *
 * <p>
 * Wired into Resilience4j by {@link ResilienceConfiguration} as part of each level's
 * retry interval function, which Resilience4j only consults when it is about to retry: a
 * call that is not retried spends nothing. Calls earn through {@link BackendCall}.
 */
@Component
public class RetryBudget {

	private final double ratio;

	private final double capacity;

	private final Map<ProtectionLevel, TokenBucket> buckets;

	RetryBudget(ResilienceProperties properties) {
		this.ratio = properties.retryBudgetRatio();
		this.capacity = properties.retryBudgetCapacity();
		Map<ProtectionLevel, TokenBucket> buckets = new EnumMap<>(ProtectionLevel.class);
		for (ProtectionLevel level : ProtectionLevel.values()) {
			if (level.uses(ResiliencePattern.RETRY)) {
				buckets.put(level, new TokenBucket(this.ratio, this.capacity));
			}
		}
		this.buckets = Collections.unmodifiableMap(buckets);
	}

	/**
	 * A call was made at the level: it earns its share of a retry there (nothing at a
	 * level without a retry).
	 */
	void recordCall(ProtectionLevel level) {
		TokenBucket bucket = this.buckets.get(level);
		if (bucket != null) {
			bucket.earn();
		}
	}

	/** Spends one of the level's tokens for one retry, if it has one. */
	public boolean tryRetry(ProtectionLevel level) {
		TokenBucket bucket = this.buckets.get(level);
		return bucket != null && bucket.spend();
	}

	/** The level's tokens left: how many retries it may make right now. */
	public double available(ProtectionLevel level) {
		TokenBucket bucket = this.buckets.get(level);
		return (bucket != null) ? bucket.tokens() : 0;
	}

	/** Fills every bucket again, as at start-up. */
	public void refill() {
		this.buckets.values().forEach(TokenBucket::fill);
	}

	/** Tokens earned per call. */
	public double ratio() {
		return this.ratio;
	}

	/** The most tokens a bucket holds (and starts with): the burst it allows. */
	public double capacity() {
		return this.capacity;
	}

}
