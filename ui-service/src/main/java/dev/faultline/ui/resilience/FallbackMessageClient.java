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
 * Level {@code fallback}: timeouts, retry and circuit breaker, plus the last-known-good
 * cache. The fallback hangs on the outermost annotation ({@code @TimeLimiter} here), so
 * it sees every failure after the retries are done; on an inner one it would swallow
 * failures before the retry could see them.
 */
@Component
class FallbackMessageClient implements MessageClient {

	private static final String INSTANCE = ProtectionLevel.Names.FALLBACK;

	private final MessagesBackend backend;

	private final LastKnownGood lastKnownGood;

	FallbackMessageClient(@Qualifier(MessagesBackend.PROTECTED) MessagesBackend backend, LastKnownGood lastKnownGood) {
		this.backend = backend;
		this.lastKnownGood = lastKnownGood;
	}

	@TimeLimiter(name = INSTANCE, fallbackMethod = "fromCache")
	@Retry(name = INSTANCE)
	@CircuitBreaker(name = INSTANCE)
	@Override
	public CompletableFuture<Delivery> newest(int limit, BackendCall call) {
		return call.attempt((replica) -> this.lastKnownGood.live(limit, this.backend.newest(replica, limit)));
	}

	@TimeLimiter(name = INSTANCE)
	@Retry(name = INSTANCE)
	@CircuitBreaker(name = INSTANCE)
	@Override
	public CompletableFuture<Posted> create(NewMessage message, @Nullable String idempotencyKey, BackendCall call) {
		return call.attempt((replica) -> this.backend.create(replica, message, idempotencyKey));
	}

	/**
	 * Invoked by Resilience4j for any failure of {@link #newest}: same parameters plus
	 * the failure.
	 */
	CompletableFuture<Delivery> fromCache(int limit, BackendCall call, Throwable failure) {
		return CompletableFuture.completedFuture(this.lastKnownGood.fallback(limit, failure));
	}

}
