package dev.faultline.ui.dashboard;

import dev.faultline.ui.resilience.LevelEvents;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.registry.RegistryEventConsumer;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hooks the dashboard into Resilience4j the library's way: resilience4j-spring6 hands
 * every {@code RegistryEventConsumer} bean to its registry, so each instance, whenever it
 * is created, reports its events to {@link LevelActivity} under its level.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

	@Bean
	RegistryEventConsumer<CircuitBreaker> dashboardCircuitBreakerEvents(LevelActivity activity) {
		return new LevelEvents<>(CircuitBreaker::getName, CircuitBreaker::getEventPublisher,
				activity::circuitBreakerEvent);
	}

	@Bean
	RegistryEventConsumer<Retry> dashboardRetryEvents(LevelActivity activity) {
		return new LevelEvents<>(Retry::getName, Retry::getEventPublisher, activity::retryEvent);
	}

	@Bean
	RegistryEventConsumer<TimeLimiter> dashboardTimeLimiterEvents(LevelActivity activity) {
		return new LevelEvents<>(TimeLimiter::getName, TimeLimiter::getEventPublisher, activity::timeLimiterEvent);
	}

	@Bean
	RegistryEventConsumer<Bulkhead> dashboardBulkheadEvents(LevelActivity activity) {
		return new LevelEvents<>(Bulkhead::getName, Bulkhead::getEventPublisher, activity::bulkheadEvent);
	}

}
