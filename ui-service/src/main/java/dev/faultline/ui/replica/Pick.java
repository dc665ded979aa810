package dev.faultline.ui.replica;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.faultline.ui.backend.Replica;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.lang.Nullable;

/**
 * The replica chosen for one attempt, and where the attempt's outcome goes: its breaker,
 * which records failures (refused, timed out, 5xx, cut off at the deadline, outrun by a
 * hedge) and ignores a 4xx, as {@code configs.replica} says; each attempt reports once.
 * Level {@code none}'s picks report to nobody.
 */
public final class Pick {

	private final Replica replica;

	@Nullable
	private final CircuitBreaker breaker;

	private final long startedAt = System.nanoTime();

	private final boolean trial;

	private final AtomicBoolean reported = new AtomicBoolean();

	Pick(Replica replica, @Nullable CircuitBreaker breaker) {
		this.replica = replica;
		this.breaker = breaker;
		this.trial = breaker != null && breaker.getState() == CircuitBreaker.State.HALF_OPEN;
	}

	/** The replica the attempt goes to. */
	public Replica replica() {
		return this.replica;
	}

	/**
	 * Whether the attempt is its replica's trial call (its breaker half-open when
	 * chosen): the call that decides whether the replica is back, so it must end on its
	 * own merits.
	 */
	public boolean trial() {
		return this.trial;
	}

	/**
	 * Runs the attempt against the replica and reports how it went, however late it ends
	 * (an attempt the user no longer waits for still tells about its replica), unless its
	 * outcome was already reported by {@link #outrun} or {@link #withdraw}.
	 */
	public <T> T run(Function<Replica, T> attempt) {
		T answer;
		try {
			answer = attempt.apply(this.replica);
		}
		catch (RuntimeException ex) {
			if (this.breaker != null && this.reported.compareAndSet(false, true)) {
				this.breaker.onError(elapsedNanos(), TimeUnit.NANOSECONDS, ex);
			}
			throw ex;
		}
		if (this.breaker != null && this.reported.compareAndSet(false, true)) {
			this.breaker.onSuccess(elapsedNanos(), TimeUnit.NANOSECONDS);
		}
		return answer;
	}

	/**
	 * The attempt is being cancelled for being too slow (the deadline passed, or another
	 * replica answered the same read first): a failure of this replica, whatever the
	 * cancelled exchange throws afterwards.
	 */
	public void outrun(Throwable why) {
		if (this.breaker != null && this.reported.compareAndSet(false, true)) {
			this.breaker.onError(elapsedNanos(), TimeUnit.NANOSECONDS, why);
		}
	}

	/**
	 * The attempt is being cancelled, or was never sent, for reasons that say nothing
	 * about this replica (a hedge whose first attempt answered after all): no verdict,
	 * and a half-open replica's trial permit is given back.
	 */
	public void withdraw() {
		if (this.breaker != null && this.reported.compareAndSet(false, true)) {
			this.breaker.releasePermission();
		}
	}

	private long elapsedNanos() {
		return System.nanoTime() - this.startedAt;
	}

}
