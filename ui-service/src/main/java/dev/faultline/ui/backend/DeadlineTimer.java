package dev.faultline.ui.backend;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The whole-exchange deadline of one HTTP client: arms a {@link Deadline} per exchange
 * that cuts it when its time is up, from sending the request to the last body byte. A
 * socket read timeout starts again with every byte, so only this bounds a body that
 * trickles in.
 */
final class DeadlineTimer implements AutoCloseable {

	private final Duration limit;

	private final ScheduledThreadPoolExecutor timer;

	DeadlineTimer(Duration limit) {
		this.limit = limit;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("backend-deadline-");
		threads.setDaemon(true);
		this.timer = new ScheduledThreadPoolExecutor(1, threads);
		// A deadline cancelled after a normal answer (nearly all of them) must not
		// wait in the queue until it is due.
		this.timer.setRemoveOnCancelPolicy(true);
	}

	/** Schedules {@code cut} to run when the limit has passed, unless disarmed first. */
	Deadline arm(Runnable cut) {
		AtomicBoolean passed = new AtomicBoolean();
		ScheduledFuture<?> scheduled = this.timer.schedule(() -> {
			passed.set(true);
			cut.run();
		}, this.limit.toNanos(), TimeUnit.NANOSECONDS);
		return new Deadline(scheduled, passed, this.limit);
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
