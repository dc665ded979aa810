package dev.faultline.ui.shared;

import java.util.concurrent.Executor;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Checks the link to Redis every {@code faultline.shared.check-interval}: a PING on the
 * bounded writer (never on a request or scheduler thread for longer than a hand-off) and
 * whether the listener is subscribed. Health and the dashboard read the outcome from
 * {@link SharedLink} without waiting.
 */
class SharedLinkCheck implements Runnable {

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer listener;

	private final Executor writer;

	private final SharedLink link;

	SharedLinkCheck(StringRedisTemplate redis, RedisMessageListenerContainer listener, Executor writer,
			SharedLink link) {
		this.redis = redis;
		this.listener = listener;
		this.writer = writer;
		this.link = link;
	}

	/** Hands the check to the writer; a full writer skips this round. */
	@Override
	public void run() {
		this.writer.execute(this::check);
	}

	private void check() {
		try {
			this.redis.execute((RedisCallback<String>) (connection) -> connection.ping());
			if (this.listener.isListening()) {
				this.link.connected();
			}
			else {
				this.link.localOnly("Redis answers, the subscription is being restored");
			}
		}
		catch (RuntimeException ex) {
			this.link.localOnly(describe(ex));
		}
	}

	/** A short reason for the health details and the dashboard. */
	static String describe(RuntimeException ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return "Redis unreachable: " + cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "");
	}

}
