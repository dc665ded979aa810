package dev.faultline.ui.dashboard;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.shared.SharedLink;
import dev.faultline.ui.shared.SharedProperties;
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
 * The dashboard's Server-Sent Event streams. One periodic task on Boot's task scheduler
 * writes to every stream, so a browser that stops reading can hold at most that one
 * thread: each quarter second it greets new streams, flushes queued {@code event}s, and
 * when due sends the {@code snapshot} (every second) and a heartbeat comment; no thread
 * waits per client. Resilience4j events reach each stream through a bounded queue that
 * drops its oldest entry when full (counted in the snapshot's {@code droppedEvents}). A
 * stream is forgotten when it completes, times out, fails, or a write to it fails; at
 * most {@code faultline.dashboard.max-streams} are open at once, and
 * {@code speaker-streams} more for the speaker's browser.
 *
 * <p>
 * A {@link SmartLifecycle} in the default (last) phase, so on shutdown it ends every
 * stream before Tomcat's graceful shutdown starts waiting for active requests, which an
 * open stream would otherwise keep it doing.
 */
@Component
class DashboardStreams implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DashboardStreams.class);

	private final LevelSnapshots snapshots;

	private final TrafficGenerator traffic;

	private final BackendChaos chaos;

	private final ReplicaPanel replicas;

	private final DashboardProperties properties;

	private final Clock clock;

	private final List<Client> clients = new CopyOnWriteArrayList<>();

	// Every emitter the container has not completed yet, including ones dropped after a
	// failed write, whose
	// request Tomcat may still count as active until it notices the closed connection.
	private final Set<SseEmitter> unfinished = ConcurrentHashMap.newKeySet();

	private final AtomicInteger open = new AtomicInteger();

	private final TaskScheduler scheduler;

	private final SharedLink link;

	private final SharedProperties shared;

	@Nullable
	private ScheduledFuture<?> writer;

	private long nextSnapshotAt;

	private long nextHeartbeatAt;

	private volatile boolean running;

	DashboardStreams(LevelSnapshots snapshots, TrafficGenerator traffic, BackendChaos chaos, ReplicaPanel replicas,
			DashboardProperties properties, Clock clock, TaskScheduler scheduler, SharedLink link,
			SharedProperties shared) {
		this.link = link;
		this.shared = shared;
		this.snapshots = snapshots;
		this.traffic = traffic;
		this.chaos = chaos;
		this.replicas = replicas;
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
		this.clients.forEach(this::forget);
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
		Client client = new Client(emitter, level, this.properties.eventQueueCapacity());
		this.unfinished.add(emitter);
		emitter.onCompletion(() -> {
			forget(client);
			this.unfinished.remove(emitter);
		});
		emitter.onError((ex) -> forget(client));
		emitter.onTimeout(() -> {
			forget(client);
			emitter.complete();
		});
		this.clients.add(client);
		return emitter;
	}

	/** Streams open now. */
	int openStreams() {
		return this.open.get();
	}

	/** Queues a level's event for every stream that follows the level. */
	@EventListener
	void publish(DashboardEvent event) {
		for (Client client : this.clients) {
			if (client.follows(event.level())) {
				client.offer(event);
			}
		}
	}

	/**
	 * The one writer: runs at the event flush interval and never overlaps itself, so
	 * every stream is written by one thread at a time, its history always first.
	 */
	private void write() {
		try {
			this.clients.stream().filter((client) -> !client.greeted).forEach(this::greet);
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

	private void greet(Client client) {
		try {
			sendGreeting(client);
		}
		catch (RuntimeException ex) {
			// The stream cannot start: end it, so its slot is free and the browser
			// reconnects.
			logger.warn("Dashboard stream could not start", ex);
			forget(client);
			try {
				client.emitter.completeWithError(ex);
			}
			catch (RuntimeException alreadyDone) {
				// Completed by the container in the meantime; nothing left to clean up.
			}
		}
	}

	private void sendGreeting(Client client) {
		ProtectionLevel level = client.level;
		List<DashboardEvent> events = new ArrayList<>(this.snapshots.recentEvents(level));
		if (level != ProtectionLevel.NONE) {
			events.addAll(this.snapshots.recentEvents(ProtectionLevel.NONE));
		}
		events.sort(Comparator.comparingLong(DashboardEvent::time).reversed());
		DashboardHistory history = new DashboardHistory(level, this.snapshots.history(level),
				this.snapshots.history(ProtectionLevel.NONE),
				events.subList(0, Math.min(events.size(), this.properties.eventLogSize())));
		if (send(client, SseEmitter.event().name("history").data(history, MediaType.APPLICATION_JSON))) {
			send(client,
					SseEmitter.event()
						.name("snapshot")
						.data(snapshot(client, new EnumMap<>(ProtectionLevel.class)), MediaType.APPLICATION_JSON));
			client.greeted = true;
		}
	}

	private void sendSnapshots() {
		if (this.clients.isEmpty()) {
			return;
		}
		// One snapshot per level per tick, however many streams follow it.
		Map<ProtectionLevel, LevelSnapshot> columns = new EnumMap<>(ProtectionLevel.class);
		for (Client client : greeted()) {
			send(client,
					SseEmitter.event().name("snapshot").data(snapshot(client, columns), MediaType.APPLICATION_JSON));
		}
	}

	private DashboardSnapshot snapshot(Client client, Map<ProtectionLevel, LevelSnapshot> columns) {
		LevelSnapshot protectedLevel = columns.computeIfAbsent(client.level, this.snapshots::snapshot);
		LevelSnapshot unprotected = columns.computeIfAbsent(ProtectionLevel.NONE, this.snapshots::snapshot);
		return new DashboardSnapshot(this.clock.millis(), client.level, protectedLevel, unprotected,
				this.traffic.status(), this.chaos.latest(), this.replicas.rows(), client.dropped(), this.open.get(),
				this.shared.replicaId(), this.link.status());
	}

	private void flushEvents() {
		for (Client client : greeted()) {
			for (DashboardEvent event : client.drain()) {
				if (!send(client, SseEmitter.event().name("event").data(event, MediaType.APPLICATION_JSON))) {
					break;
				}
			}
		}
	}

	private void sendHeartbeats() {
		for (Client client : greeted()) {
			send(client, SseEmitter.event().comment("heartbeat"));
		}
	}

	private boolean send(Client client, SseEmitter.SseEventBuilder event) {
		if (!this.clients.contains(client)) {
			return false;
		}
		try {
			client.emitter.send(event);
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			// The browser went away (or the emitter already completed): stop writing to
			// it.
			forget(client);
			try {
				client.emitter.completeWithError(ex);
			}
			catch (RuntimeException alreadyDone) {
				// Completed by the container in the meantime; nothing left to clean up.
			}
			return false;
		}
	}

	private void forget(Client client) {
		if (this.clients.remove(client)) {
			this.open.decrementAndGet();
		}
	}

	private List<Client> greeted() {
		return this.clients.stream().filter((client) -> client.greeted).toList();
	}

	/** One open stream and its bounded queue of events. */
	static final class Client {

		private final SseEmitter emitter;

		private final ProtectionLevel level;

		private final int capacity;

		private final Deque<DashboardEvent> queue = new ArrayDeque<>();

		private long dropped;

		// Written and read by the writer task only; volatile as that task may move
		// between the scheduler's threads.
		private volatile boolean greeted;

		Client(SseEmitter emitter, ProtectionLevel level, int capacity) {
			this.emitter = emitter;
			this.level = level;
			this.capacity = capacity;
		}

		boolean follows(ProtectionLevel eventLevel) {
			return eventLevel == this.level || eventLevel == ProtectionLevel.NONE;
		}

		synchronized void offer(DashboardEvent event) {
			if (this.queue.size() == this.capacity) {
				this.queue.removeFirst();
				this.dropped++;
			}
			this.queue.addLast(event);
		}

		synchronized List<DashboardEvent> drain() {
			List<DashboardEvent> events = new ArrayList<>(this.queue);
			this.queue.clear();
			return events;
		}

		synchronized long dropped() {
			return this.dropped;
		}

	}

}
