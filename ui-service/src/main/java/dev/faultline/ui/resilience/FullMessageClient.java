package dev.faultline.ui.resilience;

import java.util.concurrent.CompletableFuture;

import dev.faultline.ui.backend.MessagesBackend;
import dev.faultline.ui.backend.NewMessage;
import dev.faultline.ui.backend.Posted;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Level {@code full}: every pattern, and hedged reads: with a replica that hangs or is
 * stopped, a read waits for it only the hedge delay, not the read timeout. The semaphore
 * {@code @Bulkhead} is outermost with no wait, so when its few permits are taken (say, by
 * calls stuck on a hanging backend) further calls are answered from the cache at once
 * instead of holding request threads until the deadline: the rest of the UI keeps its
 * threads.
 */
@Component
class FullMessageClient implements MessageClient {

	private static final String INSTANCE = ProtectionLevel.Names.FULL;

	private final MessagesBackend backend;

	private final LastKnownGood lastKnownGood;

	FullMessageClient(@Qualifier(MessagesBackend.PROTECTED) MessagesBackend backend, LastKnownGood lastKnownGood) {
		this.backend = backend;
		this.lastKnownGood = lastKnownGood;
	}

	@Bulkhead(name = INSTANCE, fallbackMethod = "fromCache")
	@TimeLimiter(name = INSTANCE)
	@Retry(name = INSTANCE)
	@CircuitBreaker(name = INSTANCE)
	@Hedge(name = INSTANCE)
	@Override
	public CompletableFuture<Delivery> newest(int limit, BackendCall call) {
		return call.hedged((replica) -> this.lastKnownGood.live(limit, this.backend.newest(replica, limit)));
	}

	@Bulkhead(name = INSTANCE)
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
