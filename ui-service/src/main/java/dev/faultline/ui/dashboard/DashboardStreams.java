package dev.faultline.ui.dashboard;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.faultline.ui.resilience.ProtectionLevel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.lang.Nullable;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's Server-Sent Event streams: the registry of open
 * {@link DashboardStream}s and their one writer, which sends them the
 * {@link DashboardPayloads}. One periodic task on Boot's task scheduler writes to every
 * stream, so a browser that stops reading can hold at most that one thread: each quarter
 * second it greets new streams, flushes queued {@code event}s, and when due sends the
 * {@code snapshot} (every second) and a heartbeat comment; no thread waits per stream.
 * Resilience4j events reach each stream through a bounded queue that drops its oldest
 * entry when full (counted in the snapshot's {@code droppedEvents}). A stream is
 * forgotten when it completes, times out, fails, or a write to it fails; at most
 * {@code faultline.dashboard.max-streams} are open at once, and {@code speaker-streams}
 * more for the speaker's browser.
 *
 * <p>
 * A {@link SmartLifecycle} in the default (last) phase, so on shutdown it ends every
 * stream before Tomcat's graceful shutdown starts waiting for active requests, which an
 * open stream would otherwise keep it doing.
 */
@Component
class DashboardStreams implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DashboardStreams.class);

	private final DashboardPayloads payloads;

	private final DashboardProperties properties;

	private final Clock clock;

	private final TaskScheduler scheduler;

	private final List<DashboardStream> streams = new CopyOnWriteArrayList<>();

	// Every emitter the container has not completed yet, including ones dropped after a
	// failed write, whose
	// request Tomcat may still count as active until it notices the closed connection.
	private final Set<SseEmitter> unfinished = ConcurrentHashMap.newKeySet();

	private final AtomicInteger open = new AtomicInteger();

	@Nullable
	private ScheduledFuture<?> writer;

	private long nextSnapshotAt;

	private long nextHeartbeatAt;

	private volatile boolean running;

	DashboardStreams(DashboardPayloads payloads, DashboardProperties properties, Clock clock, TaskScheduler scheduler) {
		this.payloads = payloads;
		this.properties = properties;
		this.clock = clock;
		this.scheduler = scheduler;
	}

	@Override
	public void start() {
		Duration period = this.properties.eventFlushInterval();
		this.writer = this.scheduler.scheduleAtFixedRate(this::write, this.scheduler.getClock().instant().plus(period),
				period);
		this.running = true;
	}

	/**
	 * Ends every stream and stops writing; browsers reconnect to whatever UI answers
	 * next.
	 */
	@Override
	public void stop() {
		this.running = false;
		if (this.writer != null) {
			this.writer.cancel(false);
		}
		this.streams.forEach(this::forget);
		for (SseEmitter emitter : this.unfinished) {
			try {
				emitter.complete();
			}
			catch (RuntimeException ex) {
				// Already completed by the container: nothing to end.
			}
		}
		this.unfinished.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Opens a stream following the protected level (and {@code none} beside it); its
	 * first message is the {@code history}, then a {@code snapshot}. The speaker's
	 * browser may also take one of the {@code speaker-streams} kept beyond the cap.
	 * @throws TooManyStreamsException when every stream is taken
	 */
	SseEmitter open(ProtectionLevel level, boolean speaker) {
		int max = this.properties.maxStreams();
		int limit = max + (speaker ? this.properties.speakerStreams() : 0);
		if (this.open.incrementAndGet() > limit) {
			this.open.decrementAndGet();
			throw new TooManyStreamsException(max);
		}
		SseEmitter emitter = new SseEmitter(this.properties.streamTimeout().toMillis());
		DashboardStream stream = new DashboardStream(emitter, level, this.properties.eventQueueCapacity());
		this.unfinished.add(emitter);
		emitter.onCompletion(() -> {
			forget(stream);
			this.unfinished.remove(emitter);
		});
		emitter.onError((ex) -> forget(stream));
		emitter.onTimeout(() -> {
			forget(stream);
			emitter.complete();
		});
		this.streams.add(stream);
		return emitter;
	}

	/** Streams open now. */
	int openStreams() {
		return this.open.get();
	}

	/** Queues a level's event for every stream that follows the level. */
	@EventListener
	void publish(DashboardEvent event) {
		for (DashboardStream stream : this.streams) {
			if (stream.follows(event.level())) {
				stream.offer(event);
			}
		}
	}

	/**
	 * The one writer: runs at the event flush interval and never overlaps itself, so
	 * every stream is written by one thread at a time, its history always first.
	 */
	private void write() {
		try {
			this.streams.stream().filter((stream) -> !stream.greeted()).forEach(this::greet);
			flushEvents();
			long now = this.clock.millis();
			if (now >= this.nextSnapshotAt) {
				this.nextSnapshotAt = now + this.properties.snapshotInterval().toMillis();
				sendSnapshots();
			}
			if (now >= this.nextHeartbeatAt) {
				this.nextHeartbeatAt = now + this.properties.heartbeatInterval().toMillis();
				sendHeartbeats();
			}
		}
		catch (RuntimeException ex) {
			// A periodic task that throws is never run again: log it and keep streaming.
			logger.warn("Dashboard stream task failed", ex);
		}
	}

	private void greet(DashboardStream stream) {
		try {
			sendGreeting(stream);
		}
		catch (RuntimeException ex) {
			// The stream cannot start: end it, so its slot is free and the browser
			// reconnects.
			logger.warn("Dashboard stream could not start", ex);
			forget(stream);
			try {
				stream.emitter().completeWithError(ex);
			}
			catch (RuntimeException alreadyDone) {
				// Completed by the container in the meantime; nothing left to clean up.
			}
		}
	}

	private void sendGreeting(DashboardStream stream) {
		DashboardHistory history = this.payloads.history(stream.level());
		if (send(stream, SseEmitter.event().name("history").data(history, MediaType.APPLICATION_JSON))) {
			send(stream,
					SseEmitter.event()
						.name("snapshot")
						.data(snapshot(stream, new EnumMap<>(ProtectionLevel.class)), MediaType.APPLICATION_JSON));
			stream.markGreeted();
		}
	}

	private void sendSnapshots() {
		if (this.streams.isEmpty()) {
			return;
		}
		// One snapshot per level per tick, however many streams follow it.
		Map<ProtectionLevel, LevelSnapshot> columns = new EnumMap<>(ProtectionLevel.class);
		for (DashboardStream stream : greeted()) {
			send(stream,
					SseEmitter.event().name("snapshot").data(snapshot(stream, columns), MediaType.APPLICATION_JSON));
		}
	}

	private DashboardSnapshot snapshot(DashboardStream stream, Map<ProtectionLevel, LevelSnapshot> columns) {
		return this.payloads.snapshot(stream.level(), stream.dropped(), this.open.get(), columns);
	}

	private void flushEvents() {
		for (DashboardStream stream : greeted()) {
			for (DashboardEvent event : stream.drain()) {
				if (!send(stream, SseEmitter.event().name("event").data(event, MediaType.APPLICATION_JSON))) {
					break;
				}
			}
		}
	}

	private void sendHeartbeats() {
		for (DashboardStream stream : greeted()) {
			send(stream, SseEmitter.event().comment("heartbeat"));
		}
	}

	private boolean send(DashboardStream stream, SseEmitter.SseEventBuilder event) {
		if (!this.streams.contains(stream)) {
			return false;
		}
		try {
			stream.emitter().send(event);
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			// The browser went away (or the emitter already completed): stop writing to
			// it.
			forget(stream);
			try {
				stream.emitter().completeWithError(ex);
			}
			catch (RuntimeException alreadyDone) {
				// Completed by the container in the meantime; nothing left to clean up.
			}
			return false;
		}
	}

	private void forget(DashboardStream stream) {
		if (this.streams.remove(stream)) {
			this.open.decrementAndGet();
		}
	}

	private List<DashboardStream> greeted() {
		return this.streams.stream().filter(DashboardStream::greeted).toList();
	}

}
