package dev.faultline.ui.outbox;

/**
 * The outbox already holds {@code faultline.outbox.max-waiting} posts waiting for the
 * backend: this one was not queued (nothing was dropped to make room), and the form comes
 * back with it.
 */
public class OutboxFullException extends RuntimeException {

	private final int maxWaiting;

	OutboxFullException(int maxWaiting) {
		super("The outbox already holds its maximum of " + maxWaiting + " waiting posts");
		this.maxWaiting = maxWaiting;
	}

	/** The most posts that may wait, for the page. */
	public int maxWaiting() {
		return this.maxWaiting;
	}

}
