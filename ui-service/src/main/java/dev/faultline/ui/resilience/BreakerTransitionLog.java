package dev.faultline.ui.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.github.resilience4j.core.registry.EntryRemovedEvent;
import io.github.resilience4j.core.registry.EntryReplacedEvent;
import io.github.resilience4j.core.registry.RegistryEventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Writes circuit breaker state changes to the log, so an operator sees an outage without
 * the dashboard: opening at WARN (users are now served the fallback), closing again at
 * INFO with how long it was open and how many probes failed. While a breaker is open it
 * probes the backend about once a second (open -> half-open -> open); those changes go to
 * DEBUG and are counted, so a long outage writes two lines, not two a second.
 *
 * <p>
 * A {@link RegistryEventConsumer} bean, which resilience4j-spring-boot3 attaches to the
 * registry, so breakers created later are covered too.
 */
@Component
class BreakerTransitionLog implements RegistryEventConsumer<CircuitBreaker> {

	private static final Logger logger = LoggerFactory.getLogger(BreakerTransitionLog.class);

	private final Map<String, Outage> outages = new ConcurrentHashMap<>();

	@Override
	public void onEntryAddedEvent(EntryAddedEvent<CircuitBreaker> added) {
		watch(added.getAddedEntry());
	}

	@Override
	public void onEntryRemovedEvent(EntryRemovedEvent<CircuitBreaker> removed) {
		this.outages.remove(removed.getRemovedEntry().getName());
	}

	@Override
	public void onEntryReplacedEvent(EntryReplacedEvent<CircuitBreaker> replaced) {
		watch(replaced.getNewEntry());
	}

	private void watch(CircuitBreaker breaker) {
		breaker.getEventPublisher().onStateTransition((event) -> log(breaker, event));
	}

	private void log(CircuitBreaker breaker, CircuitBreakerOnStateTransitionEvent event) {
		CircuitBreaker.State from = event.getStateTransition().getFromState();
		CircuitBreaker.State to = event.getStateTransition().getToState();
		String name = breaker.getName();
		long now = event.getCreationTime().toInstant().toEpochMilli();
		if (from == CircuitBreaker.State.CLOSED
				&& (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN)) {
			this.outages.put(name, new Outage(now));
			CircuitBreaker.Metrics metrics = breaker.getMetrics();
			logger.warn(
					"Circuit breaker {} {} -> {}: failure rate {}, slow-call rate {} of {} recent calls; the "
							+ "backend is only probed until it answers again",
					name, from, to, percent(metrics.getFailureRate()), percent(metrics.getSlowCallRate()),
					metrics.getNumberOfBufferedCalls());
			return;
		}
		if (from == CircuitBreaker.State.HALF_OPEN && to == CircuitBreaker.State.OPEN) {
			Outage outage = this.outages.computeIfAbsent(name, (key) -> new Outage(now));
			outage.failedProbes.incrementAndGet();
			logger.debug("Circuit breaker {} probe failed: HALF_OPEN -> OPEN", name);
			return;
		}
		if (to == CircuitBreaker.State.HALF_OPEN) {
			logger.debug("Circuit breaker {} {} -> HALF_OPEN: probing", name, from);
			return;
		}
		Outage outage = this.outages.remove(name);
		if (outage != null && to == CircuitBreaker.State.CLOSED) {
			logger.info("Circuit breaker {} {} -> CLOSED after {} ms open and {} failed probes", name, from,
					now - outage.openedAt, outage.failedProbes.get());
		}
		else {
			logger.info("Circuit breaker {} {} -> {}", name, from, to);
		}
	}

	/**
	 * Resilience4j reports -1 until the window holds enough calls for a rate (say, when
	 * forced open).
	 */
	private static String percent(float rate) {
		return (rate < 0) ? "n/a" : Math.round(rate) + "%";
	}

	/**
	 * One stretch of a breaker not being closed: since when, and how many probes failed.
	 */
	private record Outage(long openedAt, AtomicInteger failedProbes) {

		Outage(long openedAt) {
			this(openedAt, new AtomicInteger());
		}

	}

}
