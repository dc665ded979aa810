package dev.faultline.ui.resilience;

import java.util.concurrent.CompletableFuture;

import dev.faultline.ui.backend.MessagesBackend;
import dev.faultline.ui.backend.NewMessage;
import dev.faultline.ui.backend.Posted;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Level {@code circuit-breaker}: timeouts and retry, plus {@code @CircuitBreaker} inside
 * the retry, so it counts every attempt and, once open, fails each call at once without
 * touching the backend (and is never retried).
 */
@Component
class CircuitBreakerMessageClient implements MessageClient {

	private static final String INSTANCE = ProtectionLevel.Names.CIRCUIT_BREAKER;

	private final MessagesBackend backend;

	CircuitBreakerMessageClient(@Qualifier(MessagesBackend.PROTECTED) MessagesBackend backend) {
		this.backend = backend;
	}

	@TimeLimiter(name = INSTANCE)
	@Retry(name = INSTANCE)
	@CircuitBreaker(name = INSTANCE)
	@Override
	public CompletableFuture<Delivery> newest(int limit, BackendCall call) {
		return call.attempt((replica) -> Delivery.live(this.backend.newest(replica, limit)));
	}

	@TimeLimiter(name = INSTANCE)
	@Retry(name = INSTANCE)
	@CircuitBreaker(name = INSTANCE)
	@Override
	public CompletableFuture<Posted> create(NewMessage message, @Nullable String idempotencyKey, BackendCall call) {
		return call.attempt((replica) -> this.backend.create(replica, message, idempotencyKey));
	}

}
