package dev.faultline.ui.resilience;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.faultline.ui.backend.BackendProperties;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.core.IntervalBiFunction;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The shared pieces behind the level clients: the bounded executor the attempts run on
 * (what makes {@code @TimeLimiter} possible on a blocking HTTP call) and the retry
 * budget, plugged into each retry instance.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

	/** Bean name of the executor that runs HTTP attempts for the protected levels. */
	static final String ATTEMPT_EXECUTOR = "backendAttemptExecutor";

	/**
	 * A fixed pool with no queue: when every thread is busy (say, all stuck on a hanging
	 * backend until their read timeout), a new attempt is refused at once instead of
	 * waiting in a queue behind them.
	 */
	@Bean(name = ATTEMPT_EXECUTOR, destroyMethod = "shutdownNow")
	ExecutorService backendAttemptExecutor(BackendProperties properties) {
		int threads = properties.maxConcurrentAttempts();
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("backend-attempt-");
		threadFactory.setDaemon(true);
		return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threadFactory,
				new ThreadPoolExecutor.AbortPolicy());
	}

	@Bean
	RetryConfigCustomizer retryLevelBudget(RetryBudget budget) {
		return withBudget(ProtectionLevel.RETRY, budget);
	}

	@Bean
	RetryConfigCustomizer circuitBreakerLevelBudget(RetryBudget budget) {
		return withBudget(ProtectionLevel.CIRCUIT_BREAKER, budget);
	}

	@Bean
	RetryConfigCustomizer fallbackLevelBudget(RetryBudget budget) {
		return withBudget(ProtectionLevel.FALLBACK, budget);
	}

	@Bean
	RetryConfigCustomizer fullLevelBudget(RetryBudget budget) {
		return withBudget(ProtectionLevel.FULL, budget);
	}

	/**
	 * Keeps the backoff configured in YAML and asks the budget before each retry:
	 * Resilience4j consults the interval function only when it is about to wait for
	 * another attempt, and a negative interval ends the retries there, returning the last
	 * failure. So a call that needs no retry spends no token.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static RetryConfigCustomizer withBudget(ProtectionLevel level, RetryBudget budget) {
		return RetryConfigCustomizer.of(level.id(), (builder) -> {
			IntervalBiFunction backoff = builder.build().getIntervalBiFunction();
			IntervalBiFunction budgeted = (attempt, outcome) -> budget.tryRetry() ? backoff.apply(attempt, outcome)
					: -1L;
			builder.intervalBiFunction(budgeted);
		});
	}

}
