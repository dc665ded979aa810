package dev.faultline.ui.replica;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.faultline.ui.backend.Replica;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.lang.Nullable;

/**
 * The replica chosen for one attempt, and where the attempt's outcome goes: its breaker,
 * which records failures (refused, timed out, 5xx, cut off at the deadline) and ignores a
 * 4xx, as {@code configs.replica} says. Level {@code none}'s picks report to nobody.
 */
public final class Pick {

	private final Replica replica;

	@Nullable
	private final CircuitBreaker breaker;

	private final long startedAt = System.nanoTime();

	Pick(Replica replica, @Nullable CircuitBreaker breaker) {
		this.replica = replica;
		this.breaker = breaker;
	}

	/** The replica the attempt goes to. */
	public Replica replica() {
		return this.replica;
	}

	/**
	 * Runs the attempt against the replica and reports how it went, however late it ends
	 * (an attempt the user no longer waits for still tells about its replica).
	 */
	public <T> T run(Function<Replica, T> attempt) {
		T answer;
		try {
			answer = attempt.apply(this.replica);
		}
		catch (RuntimeException ex) {
			if (this.breaker != null) {
				this.breaker.onError(elapsedNanos(), TimeUnit.NANOSECONDS, ex);
			}
			throw ex;
		}
		if (this.breaker != null) {
			this.breaker.onSuccess(elapsedNanos(), TimeUnit.NANOSECONDS);
		}
		return answer;
	}

	private long elapsedNanos() {
		return System.nanoTime() - this.startedAt;
	}

}
