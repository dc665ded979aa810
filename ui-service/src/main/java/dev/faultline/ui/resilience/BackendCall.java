package dev.faultline.ui.resilience;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.faultline.ui.backend.Replica;
import dev.faultline.ui.replica.Pick;
import dev.faultline.ui.replica.Rotation;

import org.springframework.lang.Nullable;

/**
 * One user-facing call to the backend, across all of its attempts: it runs each attempt
 * on the bounded attempt executor, sends it to a replica the call has not tried yet when
 * one is in rotation (the {@link Rotation} chooses, and hears how it went), counts the
 * attempts (the feed's {@code backendCalls}) and, once the user has an answer, cancels
 * what is still running so a timed-out attempt does not keep a thread and a connection
 * busy.
 *
 * <p>
 * {@code @TimeLimiter} completes the future it times out, but it cannot stop the work
 * behind it; that is {@link #close()}'s job. Create one per request with
 * {@link BackendCalls#open(ProtectionLevel)} and close it when answered; its first
 * attempt earns the level's retry budget its share.
 */
public final class BackendCall implements AutoCloseable {

	private final Executor executor;

	private final RetryBudget budget;

	private final ProtectionLevel level;

	private final Rotation rotation;

	private final AtomicInteger attempts = new AtomicInteger();

	private final Set<Replica> tried = ConcurrentHashMap.newKeySet();

	private final Map<FutureTask<?>, CompletableFuture<?>> running = new ConcurrentHashMap<>();

	@Nullable
	private volatile Replica answeredBy;

	private volatile boolean closed;

	BackendCall(Executor executor, RetryBudget budget, ProtectionLevel level, Rotation rotation) {
		this.executor = executor;
		this.budget = budget;
		this.level = level;
		this.rotation = rotation;
	}

	/**
	 * Runs one attempt on the attempt executor, against the replica chosen for it. Fails
	 * at once, without calling the backend, when the executor is saturated
	 * ({@link RejectedExecutionException}) or the call was already answered
	 * ({@link CallAbandonedException}).
	 */
	public <T> CompletableFuture<T> attempt(Function<Replica, T> work) {
		CompletableFuture<T> result = new CompletableFuture<>();
		if (this.closed) {
			result.completeExceptionally(new CallAbandonedException());
			return result;
		}
		FutureTask<Void> task = new FutureTask<>(() -> {
			try {
				result.complete(onReplica(work));
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}, null);
		this.running.put(task, result);
		result.whenComplete((value, failure) -> this.running.remove(task));
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			result.completeExceptionally(ex);
			return result;
		}
		countAttempt();
		return result;
	}

	/** Runs the only attempt on the caller's thread: what the unprotected level does. */
	public <T> T inline(Function<Replica, T> work) {
		countAttempt();
		return onReplica(work);
	}

	/** How many HTTP attempts reached the backend (or tried to). */
	public int attempts() {
		return this.attempts.get();
	}

	/**
	 * The replica whose answer the user got: the one of the attempt that succeeded, or
	 * {@code null} when none did.
	 */
	@Nullable
	public Replica answeredBy() {
		return this.answeredBy;
	}

	/**
	 * Interrupts attempts still running and refuses new ones: the user already has an
	 * answer.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.running.forEach((task, result) -> {
			task.cancel(true);
			result.completeExceptionally(new CallAbandonedException());
		});
	}

	/** The attempt's work against a replica its retries will avoid. */
	private <T> T onReplica(Function<Replica, T> work) {
		Pick pick = this.rotation.choose(this.tried);
		this.tried.add(pick.replica());
		T answer = pick.run(work);
		this.answeredBy = pick.replica();
		return answer;
	}

	private void countAttempt() {
		if (this.attempts.incrementAndGet() == 1) {
			// The call, not each attempt, earns: retries never pay for more retries.
			this.budget.recordCall(this.level);
		}
	}

}
