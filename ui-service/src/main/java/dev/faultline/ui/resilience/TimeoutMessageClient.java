package dev.faultline.ui.resilience;

import java.util.concurrent.CompletableFuture;

import dev.faultline.ui.backend.MessagesBackend;
import dev.faultline.ui.backend.NewMessage;
import dev.faultline.ui.backend.Posted;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Level {@code timeout}: each attempt has connect and read timeouts (the protected HTTP
 * client) and the whole call an overall deadline ({@code @TimeLimiter}); a hang becomes a
 * fast failure, but the failure reaches the user.
 */
@Component
class TimeoutMessageClient implements MessageClient {

	private static final String INSTANCE = ProtectionLevel.Names.TIMEOUT;

	private final MessagesBackend backend;

	TimeoutMessageClient(@Qualifier(MessagesBackend.PROTECTED) MessagesBackend backend) {
		this.backend = backend;
	}

	@TimeLimiter(name = INSTANCE)
	@Override
	public CompletableFuture<Delivery> newest(int limit, BackendCall call) {
		return call.attempt((replica) -> Delivery.live(this.backend.newest(replica, limit)));
	}

	@TimeLimiter(name = INSTANCE)
	@Override
	public CompletableFuture<Posted> create(NewMessage message, @Nullable String idempotencyKey, BackendCall call) {
		return call.attempt((replica) -> this.backend.create(replica, message, idempotencyKey));
	}

}
