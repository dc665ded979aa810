package dev.faultline.backend.chaos;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.lang.Nullable;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The chaos state: which faults are installed, which of them hit a given request, and the
 * side effects that act without a request (the API port, readiness, the process). Faults
 * remove themselves when their duration is over: checked on every request and swept on a
 * schedule.
 */
class ChaosEngine {

	/** How many injections {@code GET /chaos/events} keeps. */
	static final int EVENTS_KEPT = 100;

	private static final Logger log = LoggerFactory.getLogger(ChaosEngine.class);

	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * Signalled on every change, so that held requests end as soon as their fault goes.
	 */
	private final Condition changed = this.lock.newCondition();

	private final Map<Fault, ActiveFault> faults = new EnumMap<>(Fault.class);

	// The scenario whose faults these are, or null once they were changed by hand.
	@Nullable
	private String scenario;

	private final Deque<ChaosEvent> events = new ArrayDeque<>();

	private final Object reconciling = new Object();

	private final ChaosProperties properties;

	private final Clock clock;

	private final ApiPort port;

	private final ApplicationEventPublisher publisher;

	private final MeterRegistry meters;

	private final ProcessExit exit;

	private volatile boolean notReady;

	ChaosEngine(ChaosProperties properties, Clock clock, ApiPort port, ApplicationEventPublisher publisher,
			MeterRegistry meters, ProcessExit exit) {
		this.properties = properties;
		this.clock = clock;
		this.port = port;
		this.publisher = publisher;
		this.meters = meters;
		this.exit = exit;
	}

	/** Installs the fault, replacing one of the same kind. */
	void install(FaultSpec spec) {
		install(List.of(spec), null);
	}

	/**
	 * Installs a scenario's faults in place of every active fault; the state names the
	 * scenario until a fault is added or removed by hand, or they have all expired.
	 */
	void installScenario(String name, List<FaultSpec> specs) {
		install(specs, name);
	}

	private void install(List<FaultSpec> specs, @Nullable String scenarioName) {
		boolean crash = specs.stream().anyMatch((spec) -> spec.fault() == Fault.CRASH);
		if (crash && !this.properties.allowCrash()) {
			throw new ChaosForbiddenException(
					"The crash fault is switched off; start the backend with faultline.chaos.allow-crash=true to allow it.");
		}
		Instant now = this.clock.instant();
		this.lock.lock();
		try {
			if (scenarioName != null) {
				this.faults.clear();
			}
			this.scenario = scenarioName;
			specs.forEach((spec) -> this.faults.put(spec.fault(), new ActiveFault(spec, now)));
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		specs.forEach((spec) -> log.info("Chaos fault installed: {} {} for {}", spec.fault().id(), spec.settings(),
				spec.duration()));
		reconcile();
		specs.stream()
			.map(FaultSpec::effect)
			.filter(Effect.Crash.class::isInstance)
			.map(Effect.Crash.class::cast)
			.forEach(this::crashLater);
	}

	/** Removes one fault; removing one that is not installed changes nothing. */
	void remove(Fault fault) {
		this.lock.lock();
		try {
			if (this.faults.remove(fault) != null) {
				log.info("Chaos fault removed: {}", fault.id());
				this.scenario = null;
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		reconcile();
	}

	/** Removes every fault. */
	void clear() {
		this.lock.lock();
		try {
			if (!this.faults.isEmpty()) {
				log.info("Chaos faults removed: all");
			}
			this.faults.clear();
			this.scenario = null;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		reconcile();
	}

	/**
	 * The faults that hit this request, in the order they apply. Every fault whose scope
	 * covers the request counts it as seen; its selector decides whether it is hit, and a
	 * hit counts as injected.
	 */
	List<Injection> select(String method, String path) {
		Instant now = this.clock.instant();
		List<Injection> injections = new ArrayList<>();
		this.lock.lock();
		try {
			for (ActiveFault fault : this.faults.values()) {
				Effect acting = fault.actingAt(now);
				if (acting == null || fault.expiredAt(now)) {
					continue;
				}
				if (acting.fault() == Fault.DOWN) {
					// The port is closed: a request on a connection opened before meets
					// the same dead server.
					fault.countInjection();
					injections.add(new Injection(fault, acting));
				}
				else if (acting.fault().perRequest() && fault.spec().scope().matches(method, path) && fault.select()) {
					injections.add(new Injection(fault, acting));
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		injections.sort(Comparator.comparing((Injection injection) -> injection.effect().fault()));
		injections.forEach((injection) -> record(injection, method, path));
		return injections;
	}

	/**
	 * Holds the calling request for up to {@code ms}, ending early when the fault is
	 * removed or expires, or when the failing phase of a flap ends.
	 * @return whether the full time passed with the fault still failing
	 */
	boolean hold(ActiveFault fault, long ms) {
		long phaseLeft = fault.failingMsLeftAt(this.clock.instant());
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(ms, phaseLeft));
		this.lock.lock();
		try {
			while (this.faults.get(fault.fault()) == fault) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return ms <= phaseLeft;
				}
				this.changed.awaitNanos(left);
			}
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Removes expired faults and brings the port and readiness in line with what is left.
	 */
	@Scheduled(fixedDelayString = "${faultline.chaos.sweep-interval}")
	void sweep() {
		Instant now = this.clock.instant();
		boolean removed = false;
		this.lock.lock();
		try {
			for (ActiveFault fault : List.copyOf(this.faults.values())) {
				if (fault.expiredAt(now)) {
					this.faults.remove(fault.fault());
					log.info("Chaos fault expired: {}", fault.fault().id());
					removed = true;
				}
			}
			if (removed) {
				if (this.faults.isEmpty()) {
					this.scenario = null;
				}
				this.changed.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
		reconcile();
	}

	/**
	 * The state for {@code GET /chaos}: every active fault with its settings, remaining
	 * time and counters.
	 */
	ChaosState state() {
		sweep();
		Instant now = this.clock.instant();
		List<ChaosState.Active> active;
		String installedScenario;
		this.lock.lock();
		try {
			active = this.faults.values().stream().map((fault) -> fault.view(now)).toList();
			installedScenario = this.scenario;
		}
		finally {
			this.lock.unlock();
		}
		return new ChaosState(this.port.refusing() ? "refusing connections" : "accepting connections",
				this.notReady ? ReadinessState.REFUSING_TRAFFIC : ReadinessState.ACCEPTING_TRAFFIC, installedScenario,
				active, Fault.ids(List.of(Fault.DOWN, Fault.RESET, Fault.HANG, Fault.LATENCY, Fault.ERROR,
						Fault.TRUNCATE, Fault.MALFORMED, Fault.SLOW_BODY)));
	}

	/** The latest injections, newest first. */
	List<ChaosEvent> events() {
		synchronized (this.events) {
			return List.copyOf(this.events);
		}
	}

	private void record(Injection injection, String method, String path) {
		record(injection.fault().fault(), injection.effect().fault(), method + " " + path);
	}

	private void record(Fault fault, Fault effect, String target) {
		log.info("Chaos injected fault={} effect={} target=\"{}\"", fault.id(), effect.id(), target);
		Counter.builder("faultline.chaos.injections")
			.description("Faults injected by the chaos API")
			.tag("fault", fault.id())
			.register(this.meters)
			.increment();
		synchronized (this.events) {
			this.events.addFirst(new ChaosEvent(this.clock.instant(), fault.id(), effect.id(), target));
			while (this.events.size() > EVENTS_KEPT) {
				this.events.removeLast();
			}
		}
	}

	/**
	 * Applies the process-wide effects (closed port, readiness) that the installed faults
	 * want now.
	 */
	private void reconcile() {
		synchronized (this.reconciling) {
			Instant now = this.clock.instant();
			ActiveFault closing = null;
			ActiveFault unready = null;
			this.lock.lock();
			try {
				for (ActiveFault fault : this.faults.values()) {
					Effect acting = fault.actingAt(now);
					if (acting != null && !fault.expiredAt(now)) {
						closing = (acting.fault() == Fault.DOWN) ? fault : closing;
						unready = (acting.fault() == Fault.READINESS) ? fault : unready;
					}
				}
			}
			finally {
				this.lock.unlock();
			}
			if (this.port.refuse(closing != null) && closing != null) {
				closing.countInjection();
				record(closing.fault(), Fault.DOWN, "API port closed: new connections are refused");
			}
			if ((unready != null) != this.notReady) {
				this.notReady = (unready != null);
				if (unready != null) {
					unready.countInjection();
					record(unready.fault(), Fault.READINESS, "readiness set to REFUSING_TRAFFIC");
				}
				AvailabilityChangeEvent.publish(this.publisher, this,
						this.notReady ? ReadinessState.REFUSING_TRAFFIC : ReadinessState.ACCEPTING_TRAFFIC);
			}
		}
	}

	private void crashLater(Effect.Crash crash) {
		record(Fault.CRASH, Fault.CRASH, "process exits in " + crash.delayMs() + " ms");
		Thread thread = new Thread(() -> {
			try {
				Thread.sleep(crash.delayMs());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			log.warn("Chaos crash: the process exits now with status 1");
			this.exit.exit(1);
		}, "faultline-chaos-crash");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * A fault hitting a request.
	 *
	 * @param fault the installed fault
	 * @param effect what it does to this request: its own effect, or a flap's failure
	 */
	record Injection(ActiveFault fault, Effect effect) {
	}

}
