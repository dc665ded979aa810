package dev.faultline.ui.dashboard;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.faultline.ui.dashboard.LevelSnapshot.Breaker;
import dev.faultline.ui.dashboard.LevelSnapshot.BulkheadUse;
import dev.faultline.ui.dashboard.LevelSnapshot.Deadline;
import dev.faultline.ui.dashboard.LevelSnapshot.RetryCounts;
import dev.faultline.ui.dashboard.TrafficWindow.Outcome;
import dev.faultline.ui.dashboard.TrafficWindow.Recent;
import dev.faultline.ui.message.FeedServed;
import dev.faultline.ui.resilience.FailureReasons;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.ResiliencePattern;
import dev.faultline.ui.resilience.Source;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.bulkhead.event.BulkheadEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnErrorEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnFailureRateExceededEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnSlowCallRateExceededEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnSuccessEvent;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.retry.event.RetryEvent;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.github.resilience4j.timelimiter.event.TimeLimiterEvent;

import org.springframework.context.event.EventListener;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Watches every Resilience4j instance of the UI (circuit breakers, retries, time
 * limiters, bulkheads, including instances created later, through each registry's
 * {@code onEntryAdded}) and every feed read, and aggregates them per protection level:
 * counters Resilience4j does not keep, the time of the last breaker transition, the last
 * events, and the rolling two minutes of reads. {@link #snapshot} combines that with the
 * instances' own metrics.
 *
 * <p>
 * Event consumers run on the caller's thread (a request or attempt thread), so they only
 * count and hand the event on; nothing here blocks or writes to a network.
 */
@Component
class ResilienceMonitor {

	/**
	 * Seconds of reads behind the lamp of a level without a breaker, and the numbers
	 * beside the chart.
	 */
	static final int RECENT_SECONDS = 10;

	private final CircuitBreakerRegistry breakers;

	private final RetryRegistry retries;

	private final TimeLimiterRegistry timeLimiters;

	private final BulkheadRegistry bulkheads;

	private final Clock clock;

	private final Map<ProtectionLevel, LevelState> levels = new EnumMap<>(ProtectionLevel.class);

	private final Set<Object> watched = ConcurrentHashMap.newKeySet();

	private final List<Consumer<DashboardEvent>> listeners = new CopyOnWriteArrayList<>();

	ResilienceMonitor(CircuitBreakerRegistry breakers, RetryRegistry retries, TimeLimiterRegistry timeLimiters,
			BulkheadRegistry bulkheads, Clock clock, DashboardProperties properties) {
		this.breakers = breakers;
		this.retries = retries;
		this.timeLimiters = timeLimiters;
		this.bulkheads = bulkheads;
		this.clock = clock;
		for (ProtectionLevel level : ProtectionLevel.values()) {
			this.levels.put(level, new LevelState(properties.eventLogSize(), clock.millis()));
		}
		breakers.getEventPublisher().onEntryAdded((added) -> watch(added.getAddedEntry()));
		breakers.getEventPublisher().onEntryReplaced((replaced) -> watch(replaced.getNewEntry()));
		breakers.getAllCircuitBreakers().forEach(this::watch);
		retries.getEventPublisher().onEntryAdded((added) -> watch(added.getAddedEntry()));
		retries.getEventPublisher().onEntryReplaced((replaced) -> watch(replaced.getNewEntry()));
		retries.getAllRetries().forEach(this::watch);
		timeLimiters.getEventPublisher().onEntryAdded((added) -> watch(added.getAddedEntry()));
		timeLimiters.getEventPublisher().onEntryReplaced((replaced) -> watch(replaced.getNewEntry()));
		timeLimiters.getAllTimeLimiters().forEach(this::watch);
		bulkheads.getEventPublisher().onEntryAdded((added) -> watch(added.getAddedEntry()));
		bulkheads.getEventPublisher().onEntryReplaced((replaced) -> watch(replaced.getNewEntry()));
		bulkheads.getAllBulkheads().forEach(this::watch);
	}

	/**
	 * Adds a consumer of every event, such as the SSE streams; it must return quickly.
	 */
	void addListener(Consumer<DashboardEvent> listener) {
		this.listeners.add(listener);
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
		this.levels.get(served.level()).traffic.record(outcome, served.elapsedMs(), now);
		if (served.failed()) {
			String reason = (served.reason() != null) ? served.reason().label() : "unknown";
			String what = (served.source() == null) ? "error page" : "nothing to show";
			publish(new DashboardEvent(now, served.level().id(), "feed", "FAILED", "failure",
					"read failed (" + reason + ") after " + served.elapsedMs() + " ms: " + what));
		}
	}

	/** The column of one level now. */
	LevelSnapshot snapshot(ProtectionLevel level) {
		long now = this.clock.millis();
		LevelState state = this.levels.get(level);
		String name = level.id();
		Breaker breaker = level.uses(ResiliencePattern.CIRCUIT_BREAKER)
				? this.breakers.find(name).map((cb) -> breaker(cb, state, now)).orElse(null) : null;
		RetryCounts retry = level.uses(ResiliencePattern.RETRY)
				? this.retries.find(name).map((r) -> retry(r, state)).orElse(null) : null;
		Deadline deadline = level.uses(ResiliencePattern.TIME_LIMITER) ? this.timeLimiters.find(name)
			.map((tl) -> new Deadline(tl.getTimeLimiterConfig().getTimeoutDuration().toMillis(), state.timeouts.get()))
			.orElse(null) : null;
		BulkheadUse bulkhead = level.uses(ResiliencePattern.BULKHEAD) ? this.bulkheads.find(name)
			.map((b) -> new BulkheadUse(b.getMetrics().getAvailableConcurrentCalls(),
					b.getMetrics().getMaxAllowedConcurrentCalls(), state.bulkheadRejected.get()))
			.orElse(null) : null;
		Recent recent = state.traffic.recent(now, RECENT_SECONDS);
		List<String> patterns = level.patterns().stream().map(Enum::name).toList();
		return new LevelSnapshot(level.id(), patterns, lamp(breaker, recent), breaker, retry, deadline, bulkhead,
				state.traffic.latest(now), recent);
	}

	/** The rolling two minutes of reads at the level, oldest first. */
	List<TrafficWindow.TrafficPoint> history(ProtectionLevel level) {
		return this.levels.get(level).traffic.history(this.clock.millis());
	}

	/** The level's last events, newest first. */
	List<DashboardEvent> recentEvents(ProtectionLevel level) {
		return this.levels.get(level).events();
	}

	private static Breaker breaker(CircuitBreaker breaker, LevelState state, long now) {
		CircuitBreakerConfig config = breaker.getCircuitBreakerConfig();
		CircuitBreaker.Metrics metrics = breaker.getMetrics();
		CircuitBreaker.State current = breaker.getState();
		long since = state.stateSince;
		Long nextHalfOpenAt = null;
		if (current == CircuitBreaker.State.OPEN) {
			// The first wait of the interval function: exact for the fixed wait
			// configured in application.yml.
			nextHalfOpenAt = since + config.getWaitIntervalFunctionInOpenState().apply(1);
		}
		return new Breaker(current.name(), since, Math.max(0, now - since), nextHalfOpenAt, metrics.getFailureRate(),
				config.getFailureRateThreshold(), metrics.getSlowCallRate(), config.getSlowCallRateThreshold(),
				config.getSlowCallDurationThreshold().toMillis(), metrics.getNumberOfBufferedCalls(),
				config.getMinimumNumberOfCalls(), config.getSlidingWindowSize(), windowUnit(config),
				metrics.getNumberOfNotPermittedCalls(), state.notPermitted.get());
	}

	private static String windowUnit(CircuitBreakerConfig config) {
		return (config.getSlidingWindowType() == CircuitBreakerConfig.SlidingWindowType.TIME_BASED) ? "seconds"
				: "calls";
	}

	private static RetryCounts retry(Retry retry, LevelState state) {
		Retry.Metrics metrics = retry.getMetrics();
		return new RetryCounts(metrics.getNumberOfSuccessfulCallsWithoutRetryAttempt(),
				metrics.getNumberOfSuccessfulCallsWithRetryAttempt(), metrics.getNumberOfFailedCallsWithRetryAttempt(),
				metrics.getNumberOfFailedCallsWithoutRetryAttempt(), state.retries.get());
	}

	private static String lamp(@Nullable Breaker breaker, Recent recent) {
		if (breaker != null) {
			return switch (breaker.state()) {
				case "CLOSED" -> "green";
				case "HALF_OPEN" -> "amber";
				case "OPEN", "FORCED_OPEN" -> "red";
				default -> "grey";
			};
		}
		if (recent.total() == 0) {
			return "grey";
		}
		if (recent.failed() * 2 >= recent.total()) {
			return "red";
		}
		return (recent.failed() > 0 || recent.cached() > 0) ? "amber" : "green";
	}

	private void watch(CircuitBreaker breaker) {
		if (this.watched.add(breaker)) {
			breaker.getEventPublisher().onEvent((event) -> circuitBreakerEvent(breaker.getName(), event));
		}
	}

	private void watch(Retry retry) {
		if (this.watched.add(retry)) {
			retry.getEventPublisher().onEvent((event) -> retryEvent(retry.getName(), event));
		}
	}

	private void watch(TimeLimiter timeLimiter) {
		if (this.watched.add(timeLimiter)) {
			timeLimiter.getEventPublisher().onEvent((event) -> timeLimiterEvent(timeLimiter.getName(), event));
		}
	}

	private void watch(Bulkhead bulkhead) {
		if (this.watched.add(bulkhead)) {
			bulkhead.getEventPublisher().onEvent((event) -> bulkheadEvent(bulkhead.getName(), event));
		}
	}

	private void circuitBreakerEvent(String name, CircuitBreakerEvent event) {
		ProtectionLevel level = ProtectionLevel.fromId(name).orElse(null);
		if (level == null) {
			return;
		}
		LevelState state = this.levels.get(level);
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
				kind = "state";
				message = "breaker " + transition.getFromState() + " → " + transition.getToState();
			}
			case RESET -> {
				state.stateSince = this.clock.millis();
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

	private void retryEvent(String name, RetryEvent event) {
		ProtectionLevel level = ProtectionLevel.fromId(name).orElse(null);
		if (level == null) {
			return;
		}
		int attempts = event.getNumberOfRetryAttempts();
		String cause = (event.getLastThrowable() != null) ? describe(event.getLastThrowable()) : "";
		switch (event.getEventType()) {
			case RETRY -> {
				this.levels.get(level).retries.incrementAndGet();
				record(level, "retry", "RETRY", "retry", "retry #" + attempts + " after " + cause);
			}
			case SUCCESS -> record(level, "retry", "SUCCESS", "success",
					"succeeded after " + attempts + " retr" + ((attempts == 1) ? "y" : "ies"));
			case ERROR -> record(level, "retry", "ERROR", "failure",
					"gave up after " + attempts + " attempt" + ((attempts == 1) ? "" : "s") + ": " + cause);
			default -> record(level, "retry", "IGNORED_ERROR", "info", "not retried: " + cause);
		}
	}

	private void timeLimiterEvent(String name, TimeLimiterEvent event) {
		ProtectionLevel level = ProtectionLevel.fromId(name).orElse(null);
		// Success and error are what the breaker, the retry and the feed already report:
		// only the deadline counts.
		if (level == null || event.getEventType() != TimeLimiterEvent.Type.TIMEOUT) {
			return;
		}
		this.levels.get(level).timeouts.incrementAndGet();
		record(level, "time-limiter", "TIMEOUT", "timeout", "deadline reached: the user gets an answer now");
	}

	private void bulkheadEvent(String name, BulkheadEvent event) {
		ProtectionLevel level = ProtectionLevel.fromId(name).orElse(null);
		// Permitted and finished come twice per call and say nothing the gauge does not:
		// only rejections count.
		if (level == null || event.getEventType() != BulkheadEvent.Type.CALL_REJECTED) {
			return;
		}
		this.levels.get(level).bulkheadRejected.incrementAndGet();
		record(level, "bulkhead", "CALL_REJECTED", "rejected", "bulkhead full: answered from the fallback at once");
	}

	private void record(ProtectionLevel level, String source, String type, String kind, String message) {
		publish(new DashboardEvent(this.clock.millis(), level.id(), source, type, kind, message));
	}

	private void publish(DashboardEvent event) {
		ProtectionLevel.fromId(event.level()).map(this.levels::get).ifPresent((state) -> state.remember(event));
		for (Consumer<DashboardEvent> listener : this.listeners) {
			listener.accept(event);
		}
	}

	private static String describe(Throwable failure) {
		Throwable cause = FailureReasons.unwrap(failure);
		return FailureReasons.of(cause).label() + " (" + cause.getClass().getSimpleName() + ")";
	}

	/** What is kept per level between snapshots. */
	private static final class LevelState {

		private final TrafficWindow traffic = new TrafficWindow();

		private final AtomicLong notPermitted = new AtomicLong();

		private final AtomicLong retries = new AtomicLong();

		private final AtomicLong timeouts = new AtomicLong();

		private final AtomicLong bulkheadRejected = new AtomicLong();

		private final Deque<DashboardEvent> log = new ArrayDeque<>();

		private final int logSize;

		private volatile long stateSince;

		LevelState(int logSize, long now) {
			this.logSize = logSize;
			this.stateSince = now;
		}

		synchronized void remember(DashboardEvent event) {
			if (this.log.size() == this.logSize) {
				this.log.removeLast();
			}
			this.log.addFirst(event);
		}

		synchronized List<DashboardEvent> events() {
			return new ArrayList<>(this.log);
		}

	}

}
