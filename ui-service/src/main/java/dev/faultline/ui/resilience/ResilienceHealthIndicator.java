package dev.faultline.ui.resilience;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health details Resilience4j 2.x has no indicator for: bulkheads (free permits),
 * retries (outcomes, and each level's retry budget with its settings, which the benchmark
 * reads to show the limit it promises), time limiters (deadlines) and the hedge (its
 * delay now and its budget), under {@code resilience} in {@code /actuator/health}. Always
 * UP: a full bulkhead or a spent budget means the UI is protecting itself, not that it is
 * unhealthy. The breakers have Resilience4j's own indicator, {@code circuitBreakers}.
 */
@Component
class ResilienceHealthIndicator implements HealthIndicator {

	private final BulkheadRegistry bulkheads;

	private final RetryRegistry retries;

	private final TimeLimiterRegistry timeLimiters;

	private final RetryBudget budget;

	private final Hedging hedging;

	ResilienceHealthIndicator(BulkheadRegistry bulkheads, RetryRegistry retries, TimeLimiterRegistry timeLimiters,
			RetryBudget budget, Hedging hedging) {
		this.bulkheads = bulkheads;
		this.retries = retries;
		this.timeLimiters = timeLimiters;
		this.budget = budget;
		this.hedging = hedging;
	}

	@Override
	public Health health() {
		Map<String, Object> bulkheadDetails = new LinkedHashMap<>();
		for (Bulkhead bulkhead : this.bulkheads.getAllBulkheads()) {
			bulkheadDetails.put(bulkhead.getName(),
					Map.of("availableConcurrentCalls", bulkhead.getMetrics().getAvailableConcurrentCalls(),
							"maxAllowedConcurrentCalls", bulkhead.getMetrics().getMaxAllowedConcurrentCalls()));
		}
		Map<String, Object> retryDetails = new LinkedHashMap<>();
		for (Retry retry : this.retries.getAllRetries()) {
			Retry.Metrics metrics = retry.getMetrics();
			retryDetails.put(retry.getName(),
					Map.of("successfulWithoutRetry", metrics.getNumberOfSuccessfulCallsWithoutRetryAttempt(),
							"successfulWithRetry", metrics.getNumberOfSuccessfulCallsWithRetryAttempt(),
							"failedWithoutRetry", metrics.getNumberOfFailedCallsWithoutRetryAttempt(),
							"failedWithRetry", metrics.getNumberOfFailedCallsWithRetryAttempt()));
		}
		Map<String, Object> tokens = new LinkedHashMap<>();
		for (ProtectionLevel level : ProtectionLevel.values()) {
			if (level.uses(ResiliencePattern.RETRY)) {
				tokens.put(level.id(), Math.floor(this.budget.available(level) * 10) / 10);
			}
		}
		Map<String, Object> deadlines = new LinkedHashMap<>();
		for (TimeLimiter timeLimiter : this.timeLimiters.getAllTimeLimiters()) {
			deadlines.put(timeLimiter.getName(), timeLimiter.getTimeLimiterConfig().getTimeoutDuration().toString());
		}
		return Health.up()
			.withDetail("bulkheads", bulkheadDetails)
			.withDetail("retries", retryDetails)
			.withDetail("retryBudget",
					Map.of("ratio", this.budget.ratio(), "capacity", this.budget.capacity(), "tokens", tokens))
			.withDetail("timeLimiters", deadlines)
			.withDetail("hedge", this.hedging.status())
			.build();
	}

}
