package dev.faultline.ui.resilience;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.faultline.ui.backend.FailureReason;
import dev.faultline.ui.backend.FailureReasons;
import dev.faultline.ui.verdict.ConsecutiveFailures;
import dev.faultline.ui.verdict.FailureRunTrip;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.github.resilience4j.core.registry.EntryRemovedEvent;
import io.github.resilience4j.core.registry.EntryReplacedEvent;
import io.github.resilience4j.core.registry.RegistryEventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Opens a level's circuit breaker on a run of failures ({@link ConsecutiveFailures},
 * through a {@link FailureRunTrip}), beside its rate window: the window judges the last
 * 10 seconds, so under steady traffic an outage needs seconds to outweigh the healthy
 * calls before it, while a run of failures with no success between them is a verdict at
 * once.
 *
 * <p>
 * What counts, while the breaker is closed: every failure the breaker records (IO errors,
 * refused connections, attempt timeouts, 5xx, and attempts abandoned at the deadline,
 * which is how a hang, a stopped backend or a trickling body end) extends the run; a
 * success breaks it, however slow: slowness stays the rate window's to judge (its
 * slow-call rate), since a pause of the UI itself (a collection, a busy machine) makes
 * calls slow without the backend failing. What the breaker ignores (a 4xx, a full attempt
 * pool) and calls it did not permit neither count nor break the run: they say nothing
 * about the backend's health, so they cannot hide a run either. Every state change starts
 * the run over: half-open already re-opens on one failed trial call, and a closed breaker
 * starts with a clean slate.
 *
 * <p>
 * The trip is {@link CircuitBreaker#transitionToOpenState()}: an ordinary transition, so
 * its event reaches the log, the dashboard and the other replicas (breaker sharing) as
 * any opening does; {@link BreakerTripped} tells the dashboard why, just before.
 * Resilience4j calls this on the thread of the call that failed, in the middle of
 * recording it; nothing here may throw (an exception would end the event's delivery to
 * the consumers after this one), so a failure is logged and the call goes on. A
 * {@link RegistryEventConsumer} bean, attached by resilience4j-spring-boot3 to every
 * level breaker the registry creates.
 */
@Component
class ConsecutiveFailuresTrip implements RegistryEventConsumer<CircuitBreaker> {

	private static final Logger logger = LoggerFactory.getLogger(ConsecutiveFailuresTrip.class);

	private final ConsecutiveFailuresProperties properties;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Map<String, ConsecutiveFailures> verdicts = new ConcurrentHashMap<>();

	ConsecutiveFailuresTrip(ConsecutiveFailuresProperties properties, Clock clock, ApplicationEventPublisher events) {
		this.properties = properties;
		this.clock = clock;
		this.events = events;
	}

	@Override
	public void onEntryAddedEvent(EntryAddedEvent<CircuitBreaker> added) {
		watch(added.getAddedEntry());
	}

	@Override
	public void onEntryRemovedEvent(EntryRemovedEvent<CircuitBreaker> removed) {
		this.verdicts.remove(removed.getRemovedEntry().getName());
	}

	@Override
	public void onEntryReplacedEvent(EntryReplacedEvent<CircuitBreaker> replaced) {
		watch(replaced.getNewEntry());
	}

	/** The failures in a row the level's breaker has seen, for tests and the curious. */
	int failuresInARow(ProtectionLevel level) {
		ConsecutiveFailures verdict = this.verdicts.get(level.id());
		return (verdict != null) ? verdict.failuresInARow() : 0;
	}

	private void watch(CircuitBreaker breaker) {
		if (ProtectionLevel.fromId(breaker.getName()).isEmpty()) {
			// Not a level's breaker (the outbox's): its rate window alone decides.
			return;
		}
		ProtectionLevel level = ProtectionLevel.fromId(breaker.getName()).orElseThrow();
		ConsecutiveFailures verdict = this.properties.verdict(this.clock);
		this.verdicts.put(breaker.getName(), verdict);
		FailureRunTrip.watch(breaker, verdict, (last) -> tripped(level, breaker, verdict, last), (transition) -> {
		});
	}

	private void tripped(ProtectionLevel level, CircuitBreaker breaker, ConsecutiveFailures verdict, Throwable last) {
		FailureReason reason = FailureReasons.of(last);
		logger.info("Circuit breaker {}: {} failures in a row (the last: {}), opening it without waiting for the "
				+ "failure rate", breaker.getName(), verdict.threshold(), reason.label());
		try {
			this.events.publishEvent(new BreakerTripped(level, verdict.threshold(), reason));
		}
		catch (RuntimeException ex) {
			// Only the dashboard's explanation is lost; the breaker still opens.
			logger.debug("BreakerTripped not delivered", ex);
		}
	}

}
