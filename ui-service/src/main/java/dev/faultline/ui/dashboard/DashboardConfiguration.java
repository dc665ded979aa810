package dev.faultline.ui.dashboard;

import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.faultline.ui.resilience.ProtectionLevel;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.EventPublisher;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.github.resilience4j.core.registry.EntryRemovedEvent;
import io.github.resilience4j.core.registry.EntryReplacedEvent;
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

	/**
	 * Subscribes to the events of each instance a registry adds (or replaces) whose name
	 * is a level's id; instances of other names are not the dashboard's.
	 *
	 * @param <T> the instance type, such as {@link CircuitBreaker}
	 * @param <E> its event type
	 * @param name the instance's name
	 * @param publisher the instance's event publisher
	 * @param consumer what receives each event, with the instance's level
	 */
	record LevelEvents<T, E>(Function<T, String> name, Function<T, ? extends EventPublisher<E>> publisher,
			BiConsumer<ProtectionLevel, E> consumer) implements RegistryEventConsumer<T> {

		@Override
		public void onEntryAddedEvent(EntryAddedEvent<T> added) {
			watch(added.getAddedEntry());
		}

		@Override
		public void onEntryReplacedEvent(EntryReplacedEvent<T> replaced) {
			watch(replaced.getNewEntry());
		}

		@Override
		public void onEntryRemovedEvent(EntryRemovedEvent<T> removed) {
			// A removed instance publishes nothing more.
		}

		private void watch(T instance) {
			ProtectionLevel.fromId(this.name.apply(instance))
				.ifPresent((level) -> this.publisher.apply(instance)
					.onEvent((event) -> this.consumer.accept(level, event)));
		}

	}

}
