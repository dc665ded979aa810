package dev.faultline.ui.dashboard;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.faultline.ui.backend.FailureReasons;
import dev.faultline.ui.dashboard.TrafficWindow.Outcome;
import dev.faultline.ui.message.FeedServed;
import dev.faultline.ui.resilience.BreakerOrigin;
import dev.faultline.ui.resilience.BreakerTripped;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.Source;
import io.github.resilience4j.bulkhead.event.BulkheadEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnErrorEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnFailureRateExceededEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnSlowCallRateExceededEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnSuccessEvent;
import io.github.resilience4j.retry.event.RetryEvent;
import io.github.resilience4j.timelimiter.event.TimeLimiterEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * What happens at each protection level, as Resilience4j's instances report it (through
 * the {@code RegistryEventConsumer} beans of {@link DashboardConfiguration}) and as the
 * feed reports its reads: the counters Resilience4j does not keep, when the breaker last
 * changed state, the last events, and the rolling two minutes of reads. Each event is
 * published as a Spring application event ({@link DashboardEvent}) for the streams.
 *
 * <p>
 * Resilience4j calls its consumers on the caller's thread (a request or attempt thread),
 * so everything here only counts and hands the event on; nothing blocks or writes to a
 * network.
 */
@Component
class LevelActivity {

	private static final Log logger = LogFactory.getLog(LevelActivity.class);

	private final Clock clock;

	private final ApplicationEventPublisher publisher;

	private final Map<ProtectionLevel, LevelState> levels = new EnumMap<>(ProtectionLevel.class);

	LevelActivity(Clock clock, DashboardProperties properties, ApplicationEventPublisher publisher) {
		this.clock = clock;
		this.publisher = publisher;
		for (ProtectionLevel level : ProtectionLevel.values()) {
			this.levels.put(level, new LevelState(properties.eventLogSize(), clock.millis()));
		}
	}

	/** What is kept for the level. */
	LevelState of(ProtectionLevel level) {
		return this.levels.get(level);
	}

	/**
	 * Counts a feed read in its level's rolling window; a failed unprotected read is also
	 * an event.
	 */
	@EventListener
	void feedServed(FeedServed served) {
		long now = this.clock.millis();
		Outcome outcome = served.failed() ? Outcome.FAILED
				: (served.source() == Source.CACHE) ? Outcome.CACHED : Outcome.LIVE;
		of(served.level()).traffic.record(outcome, served.elapsedMs(), now);
		if (served.failed()) {
			String reason = (served.reason() != null) ? served.reason().label() : "unknown";
			String what = (served.source() != null) ? "nothing to show" : "error page";
			publish(new DashboardEvent(now, served.level(), "feed", "FAILED", "failure",
					"read failed (" + reason + ") after " + served.elapsedMs() + " ms: " + what));
		}
	}

	/** Why a run of failures is about to open a level's breaker. */
	@EventListener
	void breakerTripped(BreakerTripped tripped) {
		record(tripped.level(), "circuit-breaker", "CONSECUTIVE_FAILURES", "failure", tripped.failures()
				+ " failures in a row (the last: " + tripped.last().label() + ") reached the threshold");
	}

	void circuitBreakerEvent(ProtectionLevel level, CircuitBreakerEvent event) {
		LevelState state = of(level);
		String kind;
		String message;
		switch (event.getEventType()) {
			case SUCCESS -> {
				kind = "success";
				message = "call succeeded in " + ((CircuitBreakerOnSuccessEvent) event).getElapsedDuration().toMillis()
						+ " ms";
			}
			case ERROR -> {
				CircuitBreakerOnErrorEvent error = (CircuitBreakerOnErrorEvent) event;
				kind = "failure";
				message = "call failed: " + describe(error.getThrowable()) + " after "
						+ error.getElapsedDuration().toMillis() + " ms";
			}
			case NOT_PERMITTED -> {
				state.notPermitted.incrementAndGet();
				kind = "rejected";
				message = "call not permitted: the breaker is open";
			}
			case STATE_TRANSITION -> {
				CircuitBreaker.StateTransition transition = ((CircuitBreakerOnStateTransitionEvent) event)
					.getStateTransition();
				state.stateSince = this.clock.millis();
				state.stateOrigin = BreakerOrigin.peer().orElse(null);
				kind = "state";
				message = "breaker " + transition.getFromState() + " → " + transition.getToState()
						+ BreakerOrigin.peer().map((peer) -> " (following " + peer + ")").orElse("");
			}
			case RESET -> {
				state.stateSince = this.clock.millis();
				state.stateOrigin = null;
				kind = "state";
				message = "breaker reset to CLOSED";
			}
			case FAILURE_RATE_EXCEEDED -> {
				kind = "failure";
				message = "failure rate "
						+ Math.round(((CircuitBreakerOnFailureRateExceededEvent) event).getFailureRate())
						+ "% reached the threshold";
			}
			case SLOW_CALL_RATE_EXCEEDED -> {
				kind = "failure";
				message = "slow-call rate "
						+ Math.round(((CircuitBreakerOnSlowCallRateExceededEvent) event).getSlowCallRate())
						+ "% reached the threshold";
			}
			default -> {
				kind = "info";
				message = event.getEventType().name().toLowerCase(Locale.ROOT).replace('_', ' ');
			}
		}
		record(level, "circuit-breaker", event.getEventType().name(), kind, message);
	}

	void retryEvent(ProtectionLevel level, RetryEvent event) {
		int attempts = event.getNumberOfRetryAttempts();
		String cause = (event.getLastThrowable() != null) ? describe(event.getLastThrowable()) : "";
		switch (event.getEventType()) {
			case RETRY -> {
				of(level).retries.incrementAndGet();
				record(level, "retry", "RETRY", "retry", "retry #" + attempts + " after " + cause);
			}
			case SUCCESS -> record(level, "retry", "SUCCESS", "success",
					"succeeded after " + attempts + " retr" + ((attempts == 1) ? "y" : "ies"));
			case ERROR -> record(level, "retry", "ERROR", "failure",
					"gave up after " + attempts + " attempt" + ((attempts == 1) ? "" : "s") + ": " + cause);
			default -> record(level, "retry", "IGNORED_ERROR", "info", "not retried: " + cause);
		}
	}

	void timeLimiterEvent(ProtectionLevel level, TimeLimiterEvent event) {
		// Success and error are what the breaker, the retry and the feed already report:
		// only the deadline counts.
		if (event.getEventType() == TimeLimiterEvent.Type.TIMEOUT) {
			of(level).timeouts.incrementAndGet();
			record(level, "time-limiter", "TIMEOUT", "timeout", "deadline reached: the user gets an answer now");
		}
	}

	void bulkheadEvent(ProtectionLevel level, BulkheadEvent event) {
		// Permitted and finished come twice per call and say nothing the gauge does not:
		// only rejections count.
		if (event.getEventType() == BulkheadEvent.Type.CALL_REJECTED) {
			of(level).bulkheadRejected.incrementAndGet();
			record(level, "bulkhead", "CALL_REJECTED", "rejected", "bulkhead full: answered from the fallback at once");
		}
	}

	private void record(ProtectionLevel level, String source, String type, String kind, String message) {
		publish(new DashboardEvent(this.clock.millis(), level, source, type, kind, message));
	}

	private void publish(DashboardEvent event) {
		of(event.level()).remember(event);
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			// This runs on the caller's thread inside Resilience4j, whose retry does not
			// catch a consumer's exception: the dashboard must never fail a user's call.
			logger.debug("Dashboard event not delivered: " + event.message(), ex);
		}
	}

	private static String describe(Throwable failure) {
		Throwable cause = FailureReasons.unwrap(failure);
		return FailureReasons.of(cause).label() + " (" + cause.getClass().getSimpleName() + ")";
	}

	/** What is kept per level between snapshots. */
	static final class LevelState {

		private final TrafficWindow traffic = new TrafficWindow();

		private final AtomicLong notPermitted = new AtomicLong();

		private final AtomicLong retries = new AtomicLong();

		private final AtomicLong timeouts = new AtomicLong();

		private final AtomicLong bulkheadRejected = new AtomicLong();

		private final Deque<DashboardEvent> log = new ArrayDeque<>();

		private final int logSize;

		private volatile long stateSince;

		@Nullable
		private volatile String stateOrigin;

		LevelState(int logSize, long now) {
			this.logSize = logSize;
			this.stateSince = now;
		}

		TrafficWindow traffic() {
			return this.traffic;
		}

		/** Calls the breaker refused since the UI started. */
		long notPermitted() {
			return this.notPermitted.get();
		}

		/** Single retry attempts since the UI started. */
		long retries() {
			return this.retries.get();
		}

		/** Calls cut by the deadline since the UI started. */
		long timeouts() {
			return this.timeouts.get();
		}

		/** Calls the bulkhead turned away since the UI started. */
		long bulkheadRejected() {
			return this.bulkheadRejected.get();
		}

		/** When the breaker entered its current state, epoch ms. */
		long stateSince() {
			return this.stateSince;
		}

		/**
		 * The peer replica whose verdict put the breaker in its current state;
		 * {@code null} when this replica decided.
		 */
		@Nullable
		String stateOrigin() {
			return this.stateOrigin;
		}

		synchronized void remember(DashboardEvent event) {
			if (this.log.size() == this.logSize) {
				this.log.removeLast();
			}
			this.log.addFirst(event);
		}

		/** The last events, newest first. */
		synchronized List<DashboardEvent> events() {
			return new ArrayList<>(this.log);
		}

	}

}
