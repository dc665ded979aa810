package dev.faultline.ui.outbox;

/**
 * Redis did not take a post for queuing: the form comes back as it does without an
 * outbox.
 */
public class OutboxUnavailableException extends RuntimeException {

	OutboxUnavailableException(Throwable cause) {
		super("The outbox did not take the post: " + cause.getMessage(), cause);
	}

}
