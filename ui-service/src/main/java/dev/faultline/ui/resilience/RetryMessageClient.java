package dev.faultline.ui.resilience;

import java.util.concurrent.CompletableFuture;

import dev.faultline.ui.backend.MessagesBackend;
import dev.faultline.ui.backend.NewMessage;
import dev.faultline.ui.backend.Posted;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Level {@code retry}: the timeouts, plus {@code @Retry} of transient failures with
 * exponential backoff, jitter and the retry budget. The deadline wraps the retries (see
 * the aspect order in {@code application.yml}).
 */
@Component
class RetryMessageClient implements MessageClient {

	private static final String INSTANCE = ProtectionLevel.Names.RETRY;

	private final MessagesBackend backend;

	RetryMessageClient(@Qualifier(MessagesBackend.PROTECTED) MessagesBackend backend) {
		this.backend = backend;
	}

	@TimeLimiter(name = INSTANCE)
	@Retry(name = INSTANCE)
	@Override
	public CompletableFuture<Delivery> newest(int limit, BackendCall call) {
		return call.attempt((replica) -> Delivery.live(this.backend.newest(replica, limit)));
	}

	@TimeLimiter(name = INSTANCE)
	@Retry(name = INSTANCE)
	@Override
	public CompletableFuture<Posted> create(NewMessage message, @Nullable String idempotencyKey, BackendCall call) {
		return call.attempt((replica) -> this.backend.create(replica, message, idempotencyKey));
	}

}
