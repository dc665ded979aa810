package dev.faultline.ui.backend;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.lang.Nullable;

/**
 * The scheduled cut of one exchange, armed by a {@link DeadlineTimer}, and whether it has
 * happened: what turns whatever the socket says after the cut into a timeout.
 *
 * @param cut the scheduled cut, {@code null} without a deadline
 * @param passed whether the cut has run
 * @param limit the time the exchange had, {@code null} without a deadline
 */
record Deadline(@Nullable ScheduledFuture<?> cut, AtomicBoolean passed, @Nullable Duration limit) {

	/** No deadline: never passes, and explains nothing. */
	static final Deadline NONE = new Deadline(null, new AtomicBoolean(), null);

	/** Cancels the cut: the exchange has ended on its own. */
	void disarm() {
		if (this.cut != null) {
			this.cut.cancel(false);
		}
	}

	/** Whether the cut has run. */
	boolean hasPassed() {
		return this.passed.get();
	}

	/**
	 * The failure to report: a timeout when the deadline cut the exchange, whatever the
	 * socket said.
	 */
	IOException explain(IOException failure) {
		if (!hasPassed()) {
			return failure;
		}
		SocketTimeoutException timeout = new SocketTimeoutException(
				"No complete answer within " + this.limit.toMillis() + " ms; the exchange was cut");
		timeout.initCause(failure);
		return timeout;
	}

}
