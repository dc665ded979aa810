package dev.faultline.ui.resilience;

import org.springframework.stereotype.Component;

/**
 * A token bucket that caps retries at a share of all calls, shared by every level with a
 * retry. Each call earns {@code ratio} of a token, each retry spends a whole one; when
 * the bucket is empty the failure is returned as it is. Without it, three attempts per
 * call during an outage would triple the load on a backend already down.
 *
 * <p>
 * Wired into Resilience4j by {@link ResilienceConfiguration} as part of the retry's
 * interval function, which Resilience4j only consults when it is about to retry: a call
 * that is not retried spends nothing.
 */
@Component
public class RetryBudget {

	private final double ratio;

	private final double capacity;

	private double tokens;

	RetryBudget(ResilienceProperties properties) {
		this.ratio = properties.retryBudgetRatio();
		this.capacity = properties.retryBudgetCapacity();
		this.tokens = this.capacity;
	}

	/** A call was made: it earns its share of a retry. */
	synchronized void recordCall() {
		this.tokens = Math.min(this.capacity, this.tokens + this.ratio);
	}

	/** Spends a token for one retry, if there is one. */
	public synchronized boolean tryRetry() {
		if (this.tokens >= 1.0) {
			this.tokens -= 1.0;
			return true;
		}
		return false;
	}

	/** The tokens left: how many retries are allowed right now. */
	public synchronized double available() {
		return this.tokens;
	}

	/** Fills the bucket again, as at start-up. */
	public synchronized void refill() {
		this.tokens = this.capacity;
	}

}
