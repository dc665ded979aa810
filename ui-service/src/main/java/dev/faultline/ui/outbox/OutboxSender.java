package dev.faultline.ui.outbox;

import java.util.Set;

import dev.faultline.ui.backend.MessagesBackend;
import dev.faultline.ui.replica.Rotation;

import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;

/**
 * How the outbox sends one queued post: through Spring Cloud CircuitBreaker's instance
 * {@value OutboxDeliverer#INSTANCE}, to the next replica in rotation, with the post's
 * Idempotency-Key. Everything the delivery needs of the backend, in one place.
 */
class OutboxSender {

	private final MessagesBackend backend;

	private final Rotation replicas;

	private final CircuitBreakerFactory<?, ?> breakers;

	OutboxSender(MessagesBackend backend, Rotation replicas, CircuitBreakerFactory<?, ?> breakers) {
		this.backend = backend;
		this.replicas = replicas;
		this.breakers = breakers;
	}

	/**
	 * Sends the post; throws whatever the call or the breaker threw (Spring Cloud
	 * CircuitBreaker wraps the call's exception in its own).
	 */
	void send(QueuedPost post, String idempotencyKey) {
		this.breakers.create(OutboxDeliverer.INSTANCE)
			.run(() -> this.replicas.choose(Set.of())
				.run((replica) -> this.backend.create(replica, post.message(), idempotencyKey)));
	}

}
