package dev.faultline.ui.outbox;

/**
 * A post came with an Idempotency-Key that is already queued with another author or text:
 * the outbox keeps the first post, as the backend keeps its first message, so the new
 * text was not queued and needs a key of its own.
 */
public class OutboxKeyReusedException extends RuntimeException {

	OutboxKeyReusedException() {
		super("The Idempotency-Key is already queued with another message");
	}

}
