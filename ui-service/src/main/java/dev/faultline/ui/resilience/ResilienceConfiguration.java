package dev.faultline.ui.resilience;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.faultline.ui.backend.BackendProperties;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The shared pieces behind the level clients: the bounded executor the attempts run on
 * (what makes {@code @TimeLimiter} possible on a blocking HTTP call), and the levels'
 * instances, created at start-up, each level's retry with its own retry budget.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

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
	 * Creates each level's instances from the level table, so that health, metrics and
	 * the dashboard show them before the first call (the annotations would create them
	 * only then).
	 */
	@Bean
	SmartInitializingSingleton levelInstances(CircuitBreakerRegistry breakers, RetryRegistry retries,
			TimeLimiterRegistry timeLimiters, BulkheadRegistry bulkheads, RetryBudget budget) {
		return () -> {
			for (ProtectionLevel level : ProtectionLevel.values()) {
				String name = level.id();
				if (level.uses(ResiliencePattern.TIME_LIMITER)) {
					timeLimiters.timeLimiter(name);
				}
				if (level.uses(ResiliencePattern.RETRY)) {
					budgetedRetry(retries, level, budget);
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

	/**
	 * The level's retry: {@code configs.default} from YAML, with an interval function
	 * that keeps the YAML's backoff and asks the level's budget before each retry.
	 * Resilience4j consults the interval function only when it is about to wait for
	 * another attempt, and a negative interval ends the retries there, returning the last
	 * failure; so a call that needs no retry spends no token. Created here, before any
	 * call, because the annotations would create it from {@code configs.default} alone.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	static Retry budgetedRetry(RetryRegistry retries, ProtectionLevel level, RetryBudget budget) {
		RetryConfig defaults = retries.getDefaultConfig();
		IntervalBiFunction backoff = defaults.getIntervalBiFunction();
		IntervalBiFunction budgeted = (attempt, outcome) -> budget.tryRetry(level) ? backoff.apply(attempt, outcome)
				: -1L;
		Retry retry = retries.retry(level.id(), RetryConfig.from(defaults).intervalBiFunction(budgeted).build());
		if (retry.getRetryConfig().getIntervalBiFunction() != budgeted) {
			// Listed under resilience4j.retry.instances, so created from YAML before
			// this.
			throw new IllegalStateException("The retry of level " + level.id()
					+ " was created before its retry budget was attached; do not list it under "
					+ "resilience4j.retry.instances");
		}
		return retry;
	}

}
