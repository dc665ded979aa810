package dev.faultline.ui.resilience;

import java.util.function.BiConsumer;
import java.util.function.Function;

import io.github.resilience4j.core.EventPublisher;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.github.resilience4j.core.registry.EntryRemovedEvent;
import io.github.resilience4j.core.registry.EntryReplacedEvent;
import io.github.resilience4j.core.registry.RegistryEventConsumer;

/**
 * A {@code RegistryEventConsumer} that subscribes to the events of each instance a
 * registry adds (or replaces) whose name is a level's id, and hands each event on with
 * the level. What the dashboard and breaker sharing both hook into Resilience4j with;
 * instances of other names (Spring Cloud CircuitBreaker's {@code outbox}) are not theirs.
 *
 * @param <T> the instance type, such as {@code CircuitBreaker}
 * @param <E> its event type
 * @param name the instance's name
 * @param publisher the instance's event publisher
 * @param consumer what receives each event, with the instance's level
 */
public record LevelEvents<T, E>(Function<T, String> name, Function<T, ? extends EventPublisher<E>> publisher,
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
			.ifPresent(
					(level) -> this.publisher.apply(instance).onEvent((event) -> this.consumer.accept(level, event)));
	}

}
