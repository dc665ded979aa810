package dev.faultline.ui.outbox;

import dev.faultline.ui.backend.NewMessage;

import org.springframework.lang.Nullable;

/**
 * A post waiting in the outbox, as stored in Redis (JSON, by its key) and shown on the
 * page: the JSON contract between the replicas that queue and deliver it.
 *
 * @param idempotencyKey the form's key, sent with every delivery: the backend stores the
 * post once however often it arrives
 * @param author the author, as validated when it was queued
 * @param text the text, as validated when it was queued
 * @param level the level it was posted at
 * @param queuedAt when it was queued, epoch ms
 * @param attempts deliveries tried so far
 * @param nextAttemptAt not before, epoch ms
 * @param status {@code pending}, or {@code failed} once it is older than the maximum age
 * or the backend refused it
 * @param problem why the last delivery failed; {@code null} before the first
 */
public record QueuedPost(String idempotencyKey, String author, String text, String level, long queuedAt, int attempts,
		long nextAttemptAt, String status, @Nullable String problem) {

	static final String PENDING = "pending";

	static final String FAILED = "failed";

	static QueuedPost queued(NewMessage message, String idempotencyKey, String level, long now) {
		return new QueuedPost(idempotencyKey, message.author(), message.text(), level, now, 0, now, PENDING, null);
	}

	NewMessage message() {
		return new NewMessage(this.author, this.text);
	}

	QueuedPost failedAttempt(String why, long now, long nextAt) {
		return new QueuedPost(this.idempotencyKey, this.author, this.text, this.level, this.queuedAt, this.attempts + 1,
				nextAt, PENDING, why);
	}

	QueuedPost failed(String why) {
		return new QueuedPost(this.idempotencyKey, this.author, this.text, this.level, this.queuedAt, this.attempts,
				this.nextAttemptAt, FAILED, why);
	}

	/** Whether it will not be delivered any more. */
	public boolean isFailed() {
		return FAILED.equals(this.status);
	}

	/** Seconds since it was queued, for the page. */
	public long ageSeconds(long now) {
		return Math.max(0, (now - this.queuedAt) / 1000);
	}

}
