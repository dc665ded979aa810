package dev.faultline.ui.resilience;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.faultline.ui.backend.BackendProperties;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The shared pieces behind the level clients: the bounded executor the attempts run on
 * (what makes {@code @TimeLimiter} possible on a blocking HTTP call), the retry budget,
 * plugged into the retry configuration every level shares, and the levels' instances,
 * created at start-up.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

	/** The name of the shared configuration every Resilience4j instance here takes. */
	private static final String DEFAULT_CONFIG = "default";

	/** Bean name of the executor that runs HTTP attempts for the protected levels. */
	static final String ATTEMPT_EXECUTOR = "backendAttemptExecutor";

	/**
	 * A fixed pool with no queue: when every thread is busy (say, all stuck on a hanging
	 * backend until their read timeout), a new attempt is refused at once instead of
	 * waiting in a queue behind them. It is a limit of its own, not the bulkhead: a
	 * refusal is reported as {@code attempt pool full}.
	 */
	@Bean(name = ATTEMPT_EXECUTOR, destroyMethod = "shutdownNow")
	ExecutorService backendAttemptExecutor(BackendProperties properties) {
		int threads = properties.maxConcurrentAttempts();
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("backend-attempt-");
		threadFactory.setDaemon(true);
		return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threadFactory,
				new ThreadPoolExecutor.AbortPolicy());
	}

	/**
	 * Keeps the backoff configured in YAML and asks the budget before each retry:
	 * Resilience4j consults the interval function only when it is about to wait for
	 * another attempt, and a negative interval ends the retries there, returning the last
	 * failure. So a call that needs no retry spends no token.
	 */
	@Bean
	@SuppressWarnings({ "rawtypes", "unchecked" })
	RetryConfigCustomizer retryBudgetForEveryRetry(RetryBudget budget) {
		// Customizes resilience4j.retry.configs.default, which every level's retry takes:
		// written once, whatever the levels.
		return RetryConfigCustomizer.of(DEFAULT_CONFIG, (builder) -> {
			IntervalBiFunction backoff = builder.build().getIntervalBiFunction();
			IntervalBiFunction budgeted = (attempt, outcome) -> budget.tryRetry() ? backoff.apply(attempt, outcome)
					: -1L;
			builder.intervalBiFunction(budgeted);
		});
	}

	/**
	 * Creates each level's instances from the level table, so that health, metrics and
	 * the dashboard show them before the first call (the annotations would create them
	 * only then).
	 */
	@Bean
	SmartInitializingSingleton levelInstances(CircuitBreakerRegistry breakers, RetryRegistry retries,
			TimeLimiterRegistry timeLimiters, BulkheadRegistry bulkheads) {
		return () -> {
			for (ProtectionLevel level : ProtectionLevel.values()) {
				String name = level.id();
				if (level.uses(ResiliencePattern.TIME_LIMITER)) {
					timeLimiters.timeLimiter(name);
				}
				if (level.uses(ResiliencePattern.RETRY)) {
					retries.retry(name);
				}
				if (level.uses(ResiliencePattern.CIRCUIT_BREAKER)) {
					breakers.circuitBreaker(name);
				}
				if (level.uses(ResiliencePattern.BULKHEAD)) {
					bulkheads.bulkhead(name);
				}
			}
		};
	}

}
