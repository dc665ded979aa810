package dev.faultline.ui.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Runs the deliverer's rounds on one thread of its own, from start-up to shutdown. Its
 * own thread, not Boot's scheduler: a round may wait on the backend and on Redis, and
 * must never hold up the dashboard (a bulkhead by another name). Not a bean of its own
 * type, so Boot's task scheduler is still created.
 */
class OutboxRounds implements SmartLifecycle {

	private final Runnable round;

	private final Duration interval;

	private ScheduledExecutorService thread;

	OutboxRounds(Runnable round, Duration interval) {
		this.round = round;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		CustomizableThreadFactory factory = new CustomizableThreadFactory("outbox-");
		factory.setDaemon(true);
		this.thread = Executors.newSingleThreadScheduledExecutor(factory);
		this.thread.scheduleWithFixedDelay(this.round, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.thread != null) {
			this.thread.shutdownNow();
			this.thread = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.thread != null;
	}

}
