package dev.faultline.ui.backend;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A way to drop the HTTP exchange of an attempt running on another thread: a hedged read
 * whose twin answered first, or an attempt the user no longer waits for. Interrupting the
 * attempt's thread is not enough, because a blocking socket read ignores interrupts: the
 * exchange would hold its thread and its connection until the read timeout. Instead, the
 * attempt runs {@link #around(Supplier) around} this handle,
 * {@link BackendRequestFactory} registers each exchange it opens on that thread, and
 * {@link #abort()} cancels it (HttpClient closes the connection, and the attempt fails at
 * once).
 */
public final class AttemptAbort {

	private static final ThreadLocal<AttemptAbort> CURRENT = new ThreadLocal<>();

	private final AtomicReference<Runnable> exchange = new AtomicReference<>();

	private volatile boolean aborted;

	/** Runs the attempt's work with its exchanges registered here. */
	public <T> T around(Supplier<T> work) {
		CURRENT.set(this);
		try {
			return work.get();
		}
		finally {
			CURRENT.remove();
			this.exchange.set(null);
		}
	}

	/** Cancels the exchange in progress, if any, and any the attempt opens later. */
	public void abort() {
		this.aborted = true;
		Runnable cancel = this.exchange.getAndSet(null);
		if (cancel != null) {
			cancel.run();
		}
	}

	/** Whether {@link #abort()} was called. */
	public boolean aborted() {
		return this.aborted;
	}

	/**
	 * Registers how to cancel the exchange the current thread is about to run; cancels it
	 * at once when its attempt was already aborted.
	 */
	static void register(Runnable cancel) {
		AttemptAbort current = CURRENT.get();
		if (current == null) {
			return;
		}
		current.exchange.set(cancel);
		if (current.aborted) {
			current.abort();
		}
	}

}
