package dev.faultline.ui.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.faultline.ui.resilience.ProtectionLevel;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open dashboard stream: its emitter, the level it follows, and its bounded queue of
 * events, which drops its oldest entry when full and counts what it dropped.
 */
final class DashboardStream {

	private final SseEmitter emitter;

	private final ProtectionLevel level;

	private final int capacity;

	private final Deque<DashboardEvent> queue = new ArrayDeque<>();

	private long dropped;

	// Written and read by the writer task only; volatile as that task may move
	// between the scheduler's threads.
	private volatile boolean greeted;

	DashboardStream(SseEmitter emitter, ProtectionLevel level, int capacity) {
		this.emitter = emitter;
		this.level = level;
		this.capacity = capacity;
	}

	SseEmitter emitter() {
		return this.emitter;
	}

	ProtectionLevel level() {
		return this.level;
	}

	/** Whether its {@code history} and first {@code snapshot} have been sent. */
	boolean greeted() {
		return this.greeted;
	}

	void markGreeted() {
		this.greeted = true;
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
