package dev.faultline.ui.resilience;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.faultline.ui.backend.AttemptAbort;
import dev.faultline.ui.backend.Replica;
import dev.faultline.ui.replica.Pick;
import dev.faultline.ui.replica.Rotation;

import org.springframework.lang.Nullable;

/**
 * One user-facing call to the backend, across all of its attempts: it runs each attempt
 * on the bounded attempt executor, sends it to a replica the call has not tried yet when
 * one is in rotation (the {@link Rotation} chooses, and hears how it went), hedges a read
 * when its level does, counts the attempts (the feed's {@code backendCalls}) and, once
 * the user has an answer, cancels what is still running so a timed-out attempt does not
 * keep a thread and a connection busy.
 *
 * <p>
 * {@code @TimeLimiter} completes the future it times out, but it cannot stop the work
 * behind it; that is {@link #close()}'s job, through each attempt's {@link AttemptAbort}.
 * Create one per request with {@link BackendCalls#open(ProtectionLevel)} and close it
 * when answered; its first attempt earns the level's retry budget its share.
 */
public final class BackendCall implements AutoCloseable {

	private final Executor executor;

	private final RetryBudget budget;

	private final ProtectionLevel level;

	private final Rotation rotation;

	private final Hedging hedging;

	private final AtomicInteger attempts = new AtomicInteger();

	private final AtomicBoolean hedgeTaken = new AtomicBoolean();

	private final Set<Replica> tried = ConcurrentHashMap.newKeySet();

	private final Set<Attempt<?>> running = ConcurrentHashMap.newKeySet();

	@Nullable
	private volatile Replica answeredBy;

	private volatile boolean closed;

	BackendCall(Executor executor, RetryBudget budget, ProtectionLevel level, Rotation rotation, Hedging hedging) {
		this.executor = executor;
		this.budget = budget;
		this.level = level;
		this.rotation = rotation;
		this.hedging = hedging;
	}

	/**
	 * Runs one attempt on the attempt executor, against the replica chosen for it. Fails
	 * at once, without calling the backend, when the executor is saturated
	 * ({@link RejectedExecutionException}) or the call was already answered
	 * ({@link CallAbandonedException}).
	 */
	public <T> CompletableFuture<T> attempt(Function<Replica, T> work) {
		return start(work, null, true).result;
	}

	/**
	 * Runs a read as {@link #attempt} does, and when it has not answered within the hedge
	 * delay sends the same read to another replica in rotation, if the hedge budget
	 * allows: the first good answer wins and the other attempt is cancelled. A first
	 * attempt that fails before its hedge is due fails the read as it is (retrying is the
	 * retry's job); once both run, the read fails only when both have. At most one hedge
	 * per call: a retry of a hedged read is a plain attempt.
	 * @throws IllegalStateException when the level does not declare {@link Hedge @Hedge}
	 */
	public <T> CompletableFuture<T> hedged(Function<Replica, T> work) {
		if (!this.level.uses(ResiliencePattern.HEDGE)) {
			throw new IllegalStateException(
					"Level '" + this.level.id() + "' hedges a read but its client declares no @Hedge");
		}
		if (!this.hedgeTaken.compareAndSet(false, true)) {
			return attempt(work);
		}
		this.hedging.recordRead();
		return new Race<>(work).answer;
	}

	/** Runs the only attempt on the caller's thread: what the unprotected level does. */
	public <T> T inline(Function<Replica, T> work) {
		countAttempt();
		Pick pick = this.rotation.choose(this.tried);
		this.tried.add(pick.replica());
		T answer = pick.run(work);
		this.answeredBy = pick.replica();
		return answer;
	}

	/** How many HTTP attempts reached the backend (or tried to), hedges included. */
	public int attempts() {
		return this.attempts.get();
	}

	/**
	 * The replica whose answer the user got: the one of the attempt that succeeded (of a
	 * hedged read, the winner), or {@code null} when none did.
	 */
	@Nullable
	public Replica answeredBy() {
		return this.answeredBy;
	}

	/**
	 * Cancels attempts still running, each a failure of its replica (it was too slow for
	 * the user), and refuses new ones: the user already has an answer.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.running.forEach((attempt) -> attempt.cancel(true));
	}

	/**
	 * Starts an attempt against {@code chosen}, or else the replica the rotation chooses
	 * now, avoiding those the call tried. An attempt that {@code delivers} is itself the
	 * user's answer; one in a race is judged by the race.
	 */
	private <T> Attempt<T> start(Function<Replica, T> work, @Nullable Pick chosen, boolean delivers) {
		if (this.closed) {
			if (chosen != null) {
				chosen.withdraw();
			}
			Attempt<T> abandoned = new Attempt<>(null);
			abandoned.result.completeExceptionally(new CallAbandonedException());
			return abandoned;
		}
		Pick pick = (chosen != null) ? chosen : this.rotation.choose(this.tried);
		this.tried.add(pick.replica());
		Attempt<T> attempt = new Attempt<>(pick);
		FutureTask<Void> task = new FutureTask<>(() -> {
			try {
				T value = attempt.abort.around(() -> pick.run(work));
				if (delivers && !attempt.result.isDone()) {
					this.answeredBy = pick.replica();
				}
				attempt.result.complete(value);
			}
			catch (Throwable ex) {
				attempt.result.completeExceptionally(ex);
			}
		}, null);
		attempt.task = task;
		this.running.add(attempt);
		attempt.result.whenComplete((value, failure) -> this.running.remove(attempt));
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			pick.withdraw();
			attempt.result.completeExceptionally(ex);
			return attempt;
		}
		countAttempt();
		return attempt;
	}

	private void countAttempt() {
		if (this.attempts.incrementAndGet() == 1) {
			// The call, not each attempt, earns: retries never pay for more retries.
			this.budget.recordCall(this.level);
		}
	}

	/** One attempt: the replica it went to, its result, and how to stop it. */
	private static final class Attempt<T> {

		private final CompletableFuture<T> result = new CompletableFuture<>();

		private final AttemptAbort abort = new AttemptAbort();

		@Nullable
		private final Pick pick;

		private final long startedAt = System.nanoTime();

		@Nullable
		private volatile FutureTask<Void> task;

		Attempt(@Nullable Pick pick) {
			this.pick = pick;
		}

		long elapsedNanos() {
			return System.nanoTime() - this.startedAt;
		}

		/**
		 * Stops the attempt: its replica is told first (a failure when it was too slow,
		 * nothing otherwise), then its exchange is dropped.
		 */
		void cancel(boolean tooSlow) {
			if (this.pick != null) {
				if (tooSlow) {
					this.pick.outrun(new CallAbandonedException());
				}
				else {
					this.pick.withdraw();
				}
			}
			this.abort.abort();
			FutureTask<Void> running = this.task;
			if (running != null) {
				running.cancel(true);
			}
			this.result.completeExceptionally(new CallAbandonedException());
		}

	}

	/**
	 * A hedged read: its first attempt, the hedge due after the delay, and the answer the
	 * first success of the two gives.
	 */
	private final class Race<T> {

		private final CompletableFuture<T> answer = new CompletableFuture<>();

		private final Function<Replica, T> work;

		private final Attempt<T> first;

		@Nullable
		private Attempt<T> second;

		@Nullable
		private volatile ScheduledFuture<?> timer;

		private boolean settled;

		Race(Function<Replica, T> work) {
			this.work = work;
			this.first = start(work, null, false);
			this.first.result.whenComplete((value, failure) -> settle(this.first, value, failure));
			if (!this.answer.isDone()) {
				this.timer = BackendCall.this.hedging.afterDelay(this::hedge);
			}
		}

		private synchronized void hedge() {
			if (this.settled || this.first.result.isDone() || BackendCall.this.closed) {
				return;
			}
			Optional<Pick> pick = BackendCall.this.rotation.chooseUntried(BackendCall.this.tried);
			if (pick.isEmpty()) {
				return;
			}
			if (!BackendCall.this.hedging.tryHedge()) {
				pick.get().withdraw();
				return;
			}
			Attempt<T> hedge = start(this.work, pick.get(), false);
			this.second = hedge;
			hedge.result.whenComplete((value, failure) -> settle(hedge, value, failure));
		}

		private synchronized void settle(Attempt<T> attempt, @Nullable T value, @Nullable Throwable failure) {
			if (this.settled) {
				return;
			}
			Attempt<T> other = (attempt == this.first) ? this.second : this.first;
			boolean otherRunning = other != null && !other.result.isDone();
			if (failure == null) {
				// Settled first: the loser's cancellation comes back here.
				this.settled = true;
				stopTimer();
				BackendCall.this.hedging.recordLatency(attempt.elapsedNanos());
				BackendCall.this.answeredBy = (attempt.pick != null) ? attempt.pick.replica() : null;
				if (otherRunning && other == this.first && other.pick != null && other.pick.trial()) {
					// A trial call decides whether its replica is back, and a replica
					// that
					// just healed is often slower than the hedge delay on a fresh
					// connection: it runs on to its own end (bounded by the read timeout)
					// and reports what really happened, though nobody waits for it.
					BackendCall.this.running.remove(other);
				}
				else if (otherRunning) {
					// A first attempt its hedge outran was slower than another replica,
					// which counts against its replica; a hedge that lost says nothing.
					other.cancel(other == this.first);
				}
				this.answer.complete(value);
			}
			else if (!otherRunning) {
				this.settled = true;
				stopTimer();
				this.answer.completeExceptionally(failure);
			}
		}

		private void stopTimer() {
			ScheduledFuture<?> due = this.timer;
			if (due != null) {
				due.cancel(false);
			}
		}

	}

}
