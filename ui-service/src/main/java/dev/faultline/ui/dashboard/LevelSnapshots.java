package dev.faultline.ui.dashboard;

import java.time.Clock;
import java.util.List;

import dev.faultline.ui.dashboard.LevelActivity.LevelState;
import dev.faultline.ui.dashboard.LevelSnapshot.Breaker;
import dev.faultline.ui.dashboard.LevelSnapshot.BulkheadUse;
import dev.faultline.ui.dashboard.LevelSnapshot.Deadline;
import dev.faultline.ui.dashboard.LevelSnapshot.RetryCounts;
import dev.faultline.ui.dashboard.TrafficWindow.Recent;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.ResiliencePattern;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * One column of the dashboard at a time: each instance's own metrics and configuration,
 * read from the Resilience4j registries, combined with what {@link LevelActivity}
 * counted. A pattern the level does not use is left out.
 */
@Component
class LevelSnapshots {

	/**
	 * Seconds of reads behind the lamp of a level without a breaker, and the numbers
	 * beside the chart.
	 */
	static final int RECENT_SECONDS = 10;

	private final CircuitBreakerRegistry breakers;

	private final RetryRegistry retries;

	private final TimeLimiterRegistry timeLimiters;

	private final BulkheadRegistry bulkheads;

	private final LevelActivity activity;

	private final Clock clock;

	LevelSnapshots(CircuitBreakerRegistry breakers, RetryRegistry retries, TimeLimiterRegistry timeLimiters,
			BulkheadRegistry bulkheads, LevelActivity activity, Clock clock) {
		this.breakers = breakers;
		this.retries = retries;
		this.timeLimiters = timeLimiters;
		this.bulkheads = bulkheads;
		this.activity = activity;
		this.clock = clock;
	}

	/** The column of one level now. */
	LevelSnapshot snapshot(ProtectionLevel level) {
		long now = this.clock.millis();
		LevelState state = this.activity.of(level);
		String name = level.id();
		Breaker breaker = level.uses(ResiliencePattern.CIRCUIT_BREAKER)
				? this.breakers.find(name).map((cb) -> breaker(cb, state, now)).orElse(null) : null;
		RetryCounts retry = level.uses(ResiliencePattern.RETRY)
				? this.retries.find(name).map((r) -> retry(r, state)).orElse(null) : null;
		Deadline deadline = level.uses(ResiliencePattern.TIME_LIMITER) ? this.timeLimiters.find(name)
			.map((tl) -> new Deadline(tl.getTimeLimiterConfig().getTimeoutDuration().toMillis(), state.timeouts()))
			.orElse(null) : null;
		BulkheadUse bulkhead = level.uses(ResiliencePattern.BULKHEAD) ? this.bulkheads.find(name)
			.map((b) -> new BulkheadUse(b.getMetrics().getAvailableConcurrentCalls(),
					b.getMetrics().getMaxAllowedConcurrentCalls(), state.bulkheadRejected()))
			.orElse(null) : null;
		Recent recent = state.traffic().recent(now, RECENT_SECONDS);
		return new LevelSnapshot(level, level.patterns(), lamp(breaker, recent), breaker, retry, deadline, bulkhead,
				state.traffic().latest(now), recent);
	}

	/** The rolling two minutes of reads at the level, oldest first. */
	List<TrafficWindow.TrafficPoint> history(ProtectionLevel level) {
		return this.activity.of(level).traffic().history(this.clock.millis());
	}

	/** The level's last events, newest first. */
	List<DashboardEvent> recentEvents(ProtectionLevel level) {
		return this.activity.of(level).events();
	}

	private static Breaker breaker(CircuitBreaker breaker, LevelState state, long now) {
		CircuitBreakerConfig config = breaker.getCircuitBreakerConfig();
		CircuitBreaker.Metrics metrics = breaker.getMetrics();
		CircuitBreaker.State current = breaker.getState();
		long since = state.stateSince();
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
				metrics.getNumberOfNotPermittedCalls(), state.notPermitted(), state.stateOrigin());
	}

	private static String windowUnit(CircuitBreakerConfig config) {
		return (config.getSlidingWindowType() == CircuitBreakerConfig.SlidingWindowType.TIME_BASED) ? "seconds"
				: "calls";
	}

	private static RetryCounts retry(Retry retry, LevelState state) {
		Retry.Metrics metrics = retry.getMetrics();
		return new RetryCounts(metrics.getNumberOfSuccessfulCallsWithoutRetryAttempt(),
				metrics.getNumberOfSuccessfulCallsWithRetryAttempt(), metrics.getNumberOfFailedCallsWithRetryAttempt(),
				metrics.getNumberOfFailedCallsWithoutRetryAttempt(), state.retries());
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

}
