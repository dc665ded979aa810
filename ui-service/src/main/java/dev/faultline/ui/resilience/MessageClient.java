package dev.faultline.ui.resilience;

import java.util.concurrent.CompletableFuture;

import dev.faultline.ui.backend.NewMessage;
import dev.faultline.ui.backend.Posted;

import org.springframework.lang.Nullable;

/**
 * The backend's message API as one protection level sees it. Each implementation is its
 * own bean whose annotations show exactly what the level adds, and are read by
 * {@link ProtectionLevel} as the level's patterns. The methods return futures because
 * {@code @TimeLimiter} only works on asynchronous results; the unprotected level returns
 * an already completed one, computed on the caller's thread.
 */
public interface MessageClient {

	/**
	 * The newest messages, live or, on levels with a fallback, from the last-known-good
	 * cache.
	 */
	CompletableFuture<Delivery> newest(int limit, BackendCall call);

	/**
	 * Creates a message; retried on the levels with a retry only when an idempotency key
	 * makes it safe.
	 */
	CompletableFuture<Posted> create(NewMessage message, @Nullable String idempotencyKey, BackendCall call);

}
