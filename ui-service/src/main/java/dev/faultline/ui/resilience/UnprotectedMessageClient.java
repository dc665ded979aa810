package dev.faultline.ui.resilience;

import java.util.concurrent.CompletableFuture;

import dev.faultline.ui.backend.MessagesBackend;
import dev.faultline.ui.backend.NewMessage;
import dev.faultline.ui.backend.Posted;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Level {@code none}: a plain blocking call on the request thread, through the client
 * without timeouts. When the backend hangs, so does the request thread; enough of them
 * and the whole UI stops answering.
 */
@Component
class UnprotectedMessageClient implements MessageClient {

	private final MessagesBackend backend;

	UnprotectedMessageClient(@Qualifier(MessagesBackend.UNPROTECTED) MessagesBackend backend) {
		this.backend = backend;
	}

	@Override
	public CompletableFuture<Delivery> newest(int limit, BackendCall call) {
		return CompletableFuture
			.completedFuture(Delivery.live(call.inline((replica) -> this.backend.newest(replica, limit))));
	}

	@Override
	public CompletableFuture<Posted> create(NewMessage message, @Nullable String idempotencyKey, BackendCall call) {
		return CompletableFuture
			.completedFuture(call.inline((replica) -> this.backend.create(replica, message, idempotencyKey)));
	}

}
