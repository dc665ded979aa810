package dev.faultline.ui.resilience;

/**
 * Tokens earned a fraction at a time and spent one at a time, up to a capacity: what
 * bounds the extra calls a pattern may add to the ones the users make. Each call earns
 * {@code ratio} of a token, each extra call (a retry, a hedge) spends a whole one, so
 * over {@code n} calls at most {@code ratio × n + capacity} extra calls are made.
 */
final class TokenBucket {

	private final double ratio;

	private final double capacity;

	private double tokens;

	TokenBucket(double ratio, double capacity) {
		this.ratio = ratio;
		this.capacity = capacity;
		this.tokens = capacity;
	}

	/** A call was made: it earns its share of a token. */
	synchronized void earn() {
		this.tokens = Math.min(this.capacity, this.tokens + this.ratio);
	}

	/** Spends a token, if there is a whole one. */
	synchronized boolean spend() {
		if (this.tokens >= 1.0) {
			this.tokens -= 1.0;
			return true;
		}
		return false;
	}

	/** The tokens left. */
	synchronized double tokens() {
		return this.tokens;
	}

	/** Fills the bucket again, as at start-up. */
	synchronized void fill() {
		this.tokens = this.capacity;
	}

}
