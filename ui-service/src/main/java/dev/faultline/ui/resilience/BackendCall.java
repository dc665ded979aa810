package dev.faultline.ui.resilience;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One user-facing call to the backend, across all of its attempts: it runs each attempt
 * on the bounded attempt executor, counts the attempts (the feed's {@code backendCalls})
 * and, once the user has an answer, cancels what is still running so a timed-out attempt
 * does not keep a thread and a connection busy.
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

	private final AtomicInteger attempts = new AtomicInteger();

	private final Map<FutureTask<?>, CompletableFuture<?>> running = new ConcurrentHashMap<>();

	private volatile boolean closed;

	BackendCall(Executor executor, RetryBudget budget, ProtectionLevel level) {
		this.executor = executor;
		this.budget = budget;
		this.level = level;
	}

	/**
	 * Runs one attempt on the attempt executor. Fails at once, without calling the
	 * backend, when the executor is saturated ({@link RejectedExecutionException}) or the
	 * call was already answered ({@link CallAbandonedException}).
	 */
	public <T> CompletableFuture<T> attempt(Supplier<T> work) {
		CompletableFuture<T> result = new CompletableFuture<>();
		if (this.closed) {
			result.completeExceptionally(new CallAbandonedException());
			return result;
		}
		FutureTask<Void> task = new FutureTask<>(() -> {
			try {
				result.complete(work.get());
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
	public <T> T inline(Supplier<T> work) {
		countAttempt();
		return work.get();
	}

	/** How many HTTP attempts reached the backend (or tried to). */
	public int attempts() {
		return this.attempts.get();
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

	private void countAttempt() {
		if (this.attempts.incrementAndGet() == 1) {
			// The call, not each attempt, earns: retries never pay for more retries.
			this.budget.recordCall(this.level);
		}
	}

}
