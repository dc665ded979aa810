package dev.faultline.ui.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import dev.faultline.ui.resilience.ProtectionLevel;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Steady traffic for the demo: reads the UI's own feed ({@code GET /api/feed} on
 * 127.0.0.1, never anything else) through the chosen level and, beside it, through
 * {@code none}, at 5, 20 or 50 reads per second each, so the dashboard's charts move
 * without external tools. One generator per UI; starting it again replaces the settings.
 * It stops by itself after {@code faultline.dashboard.traffic-max-duration}.
 *
 * <p>
 * It cannot pile up threads: it ticks on Boot's task scheduler, whose bounded pool also
 * runs the non-blocking HTTP client's callbacks, and keeps at most
 * {@code traffic-max-in-flight} requests per level. A request keeps its permit until the
 * UI answers (the unprotected level may take minutes against a hanging backend), so the
 * generator never holds more than that many of the UI's request threads; a tick that
 * finds no permit is skipped and counted. On shutdown (a {@link SmartLifecycle} in the
 * last phase) it stops and abandons its requests before Tomcat waits for them.
 */
@Component
class TrafficGenerator implements SmartLifecycle {

	/** The rates the dashboard offers, reads per second per level. */
	static final List<Integer> RATES = List.of(5, 20, 50);

	private final DashboardProperties properties;

	private final Clock clock;

	private final ThreadPoolTaskScheduler scheduler;

	private final HttpClient http;

	// Across runs on purpose: requests of a stopped run still hold their permits until
	// answered.
	private final Map<ProtectionLevel, Semaphore> inFlight = new EnumMap<>(ProtectionLevel.class);

	private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();

	private volatile int port = -1;

	private volatile boolean running;

	@Nullable
	private Run run;

	TrafficGenerator(DashboardProperties properties, Clock clock, ThreadPoolTaskScheduler scheduler) {
		this.properties = properties;
		this.clock = clock;
		this.scheduler = scheduler;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.executor(scheduler)
			.build();
		for (ProtectionLevel level : ProtectionLevel.values()) {
			this.inFlight.put(level, new Semaphore(properties.trafficMaxInFlight()));
		}
	}

	/** Learns the UI's own port once Tomcat listens (a random one in tests). */
	@EventListener
	void serverStarted(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.port = event.getWebServer().getPort();
		}
	}

	/**
	 * Starts sending, or changes what is being sent; the ten-minute limit starts again.
	 */
	synchronized TrafficStatus start(ProtectionLevel level, int rate) {
		if (!RATES.contains(rate)) {
			throw new IllegalArgumentException("rate must be one of " + RATES);
		}
		if (this.port < 0) {
			throw new IllegalStateException("The UI is not listening yet");
		}
		stopRun();
		List<ProtectionLevel> targets = new ArrayList<>(List.of(level));
		if (level != ProtectionLevel.NONE) {
			targets.add(ProtectionLevel.NONE);
		}
		Run started = new Run(level, rate, targets,
				this.clock.millis() + this.properties.trafficMaxDuration().toMillis());
		Instant now = this.scheduler.getClock().instant();
		try {
			started.tick = this.scheduler.scheduleAtFixedRate(() -> send(started), now,
					Duration.ofSeconds(1).dividedBy(rate));
			started.stop = this.scheduler.schedule(() -> stop(started), now.plus(this.properties.trafficMaxDuration()));
		}
		catch (TaskRejectedException ex) {
			if (started.tick != null) {
				started.tick.cancel(false);
			}
			ErrorResponseException shuttingDown = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, ex);
			shuttingDown.setDetail("The UI is shutting down: no traffic is started.");
			throw shuttingDown;
		}
		this.run = started;
		return status();
	}

	/** Stops sending; requests in flight finish on their own. */
	synchronized TrafficStatus stopSending() {
		stopRun();
		return status();
	}

	/** What the generator is doing. */
	synchronized TrafficStatus status() {
		Run current = this.run;
		if (current == null) {
			return new TrafficStatus(false, null, 0, 0, 0, 0, 0, 0, 0);
		}
		int busy = current.targets.stream()
			.mapToInt((level) -> this.properties.trafficMaxInFlight() - this.inFlight.get(level).availablePermits())
			.sum();
		long remaining = current.running ? Math.max(0, (current.stopsAt - this.clock.millis()) / 1000) : 0;
		return new TrafficStatus(current.running, current.level, current.rate, remaining, current.sent.get(),
				current.succeeded.get(), current.failed.get(), current.skipped.get(), busy);
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		stopSending();
		this.pending.forEach((request) -> request.cancel(true));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private synchronized void stop(Run expired) {
		if (this.run == expired) {
			stopRun();
		}
	}

	private void stopRun() {
		Run current = this.run;
		if (current != null && current.running) {
			current.running = false;
			current.tick.cancel(false);
			current.stop.cancel(false);
		}
	}

	private void send(Run current) {
		for (ProtectionLevel level : current.targets) {
			Semaphore permits = this.inFlight.get(level);
			if (!current.running || !permits.tryAcquire()) {
				current.skipped.incrementAndGet();
				continue;
			}
			current.sent.incrementAndGet();
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/feed?level=" + level.id()))
				.header("Accept", "application/json")
				.GET()
				.build();
			try {
				CompletableFuture<HttpResponse<Void>> pendingRequest = this.http.sendAsync(request,
						HttpResponse.BodyHandlers.discarding());
				this.pending.add(pendingRequest);
				pendingRequest.whenComplete((response, failure) -> {
					this.pending.remove(pendingRequest);
					permits.release();
					if (failure == null && response.statusCode() == 200) {
						current.succeeded.incrementAndGet();
					}
					else {
						current.failed.incrementAndGet();
					}
				});
			}
			catch (RuntimeException ex) {
				// Rejected by the client's executor during shutdown: count it and keep
				// the ticker alive.
				permits.release();
				current.failed.incrementAndGet();
			}
		}
	}

	/** One start of the generator. */
	private static final class Run {

		private final ProtectionLevel level;

		private final int rate;

		private final List<ProtectionLevel> targets;

		private final long stopsAt;

		private final AtomicLong sent = new AtomicLong();

		private final AtomicLong succeeded = new AtomicLong();

		private final AtomicLong failed = new AtomicLong();

		private final AtomicLong skipped = new AtomicLong();

		private volatile boolean running = true;

		private ScheduledFuture<?> tick;

		private ScheduledFuture<?> stop;

		Run(ProtectionLevel level, int rate, List<ProtectionLevel> targets, long stopsAt) {
			this.level = level;
			this.rate = rate;
			this.targets = List.copyOf(targets);
			this.stopsAt = stopsAt;
		}

	}

}
