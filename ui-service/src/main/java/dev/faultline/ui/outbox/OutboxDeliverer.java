package dev.faultline.ui.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.ui.backend.BackendRejectedException;
import dev.faultline.ui.backend.FailureReasons;
import dev.faultline.ui.shared.SharedProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Delivers queued posts, on one thread of its own, every
 * {@code faultline.outbox.poll-interval}: it reads the stream in the consumer group all
 * replicas share (each post goes to one of them), takes over posts a replica took and
 * never settled (it may have died between delivering and acknowledging), and sends each
 * with its original Idempotency-Key, so the backend stores it exactly once however often
 * it arrives, even when an earlier attempt failed after the backend had committed.
 *
 * <p>
 * The call ({@link OutboxSender}) goes through Spring Cloud CircuitBreaker's
 * {@link CircuitBreakerFactory} (instance {@code outbox}), the programmatic style beside
 * the level clients' annotations, configured from the same {@code resilience4j.*} YAML:
 * while its breaker is open, a round costs no backend call. A post is acknowledged
 * (removed from the stream) only once it is delivered, refused by the backend, or older
 * than {@code faultline.outbox.max-age}; then it is marked failed and still shown, never
 * silently dropped.
 */
class OutboxDeliverer implements Runnable {

	/** The Spring Cloud CircuitBreaker instance, and its Resilience4j instances' name. */
	static final String INSTANCE = "outbox";

	private static final Log logger = LogFactory.getLog(OutboxDeliverer.class);

	private final StringRedisTemplate redis;

	private final Outbox outbox;

	private final OutboxProperties properties;

	private final Consumer consumer;

	private final OutboxSender sender;

	private final Clock clock;

	private volatile boolean groupReady;

	OutboxDeliverer(StringRedisTemplate redis, Outbox outbox, OutboxProperties properties, SharedProperties shared,
			OutboxSender sender, Clock clock) {
		this.redis = redis;
		this.outbox = outbox;
		this.properties = properties;
		this.consumer = Consumer.from(properties.group(), shared.replicaId());
		this.sender = sender;
		this.clock = clock;
	}

	/**
	 * One round: take over abandoned posts, deliver what is due, refresh the page's view.
	 */
	@Override
	public void run() {
		try {
			ensureGroup();
			takeOverAbandoned();
			for (MapRecord<String, Object, Object> record : due()) {
				deliver(record);
			}
			refreshView();
		}
		catch (RuntimeException ex) {
			// Redis down or hanging: the posts wait in Redis; the next round tries again.
			this.groupReady = false;
			logger.debug("Outbox round skipped: " + ex.getMessage(), ex);
		}
	}

	private void ensureGroup() {
		if (this.groupReady) {
			return;
		}
		try {
			this.redis.opsForStream()
				.createGroup(this.properties.stream(), ReadOffset.from("0"), this.properties.group());
		}
		catch (RuntimeException ex) {
			if (!String.valueOf(mostSpecific(ex).getMessage()).contains("BUSYGROUP")) {
				throw ex;
			}
		}
		this.groupReady = true;
	}

	private void takeOverAbandoned() {
		PendingMessages pending = this.redis.opsForStream()
			.pending(this.properties.stream(), this.properties.group(), Range.unbounded(), this.properties.batch());
		List<RecordId> abandoned = new ArrayList<>();
		for (PendingMessage message : pending) {
			if (!message.getConsumerName().equals(this.consumer.getName())
					&& message.getElapsedTimeSinceLastDelivery().compareTo(this.properties.claimAfter()) >= 0) {
				abandoned.add(message.getId());
			}
		}
		if (!abandoned.isEmpty()) {
			this.redis.opsForStream()
				.claim(this.properties.stream(), this.properties.group(), this.consumer.getName(),
						this.properties.claimAfter(), abandoned.toArray(RecordId[]::new));
			logger.info("Outbox: took over " + abandoned.size() + " post(s) another replica never settled");
		}
	}

	/** This replica's unsettled posts (failed attempts, taken over) and then new ones. */
	@SuppressWarnings("unchecked")
	private List<MapRecord<String, Object, Object>> due() {
		StreamReadOptions options = StreamReadOptions.empty().count(this.properties.batch());
		List<MapRecord<String, Object, Object>> records = new ArrayList<>();
		List<MapRecord<String, Object, Object>> mine = this.redis.opsForStream()
			.read(this.consumer, options, StreamOffset.create(this.properties.stream(), ReadOffset.from("0")));
		if (mine != null) {
			records.addAll(mine);
		}
		List<MapRecord<String, Object, Object>> fresh = this.redis.opsForStream()
			.read(this.consumer, options, StreamOffset.create(this.properties.stream(), ReadOffset.lastConsumed()));
		if (fresh != null) {
			records.addAll(fresh);
		}
		return records;
	}

	private void deliver(MapRecord<String, Object, Object> record) {
		String key = String.valueOf(record.getValue().get("key"));
		Object stored = this.redis.opsForHash().get(this.properties.posts(), key);
		if (stored == null) {
			settle(record);
			return;
		}
		QueuedPost post = this.outbox.read(stored.toString());
		long now = this.clock.millis();
		if (post.isFailed()) {
			settle(record);
			return;
		}
		if (Duration.ofMillis(now - post.queuedAt()).compareTo(this.properties.maxAge()) > 0) {
			fail(record, post, "not delivered within " + this.properties.maxAge());
			return;
		}
		if (now < post.nextAttemptAt()) {
			return;
		}
		try {
			this.sender.send(post, key);
		}
		catch (RuntimeException ex) {
			Throwable cause = FailureReasons.unwrap(mostSpecificOf(ex));
			if (cause instanceof BackendRejectedException) {
				fail(record, post, "the backend refused it: " + cause.getMessage());
				return;
			}
			QueuedPost later = post.failedAttempt(FailureReasons.of(cause).label(), now,
					now + this.properties.backoffAfter(post.attempts() + 1).toMillis());
			this.redis.opsForHash().put(this.properties.posts(), key, this.outbox.write(later));
			return;
		}
		this.redis.opsForHash().delete(this.properties.posts(), key);
		settle(record);
		logger.info("Outbox: delivered a post queued " + post.ageSeconds(now) + " s ago after " + (post.attempts() + 1)
				+ " attempt(s)");
	}

	private void fail(MapRecord<String, Object, Object> record, QueuedPost post, String why) {
		this.redis.opsForHash()
			.put(this.properties.posts(), post.idempotencyKey(), this.outbox.write(post.failed(why)));
		settle(record);
		logger
			.warn("Outbox: a post queued " + post.ageSeconds(this.clock.millis()) + " s ago is marked failed: " + why);
	}

	private void settle(MapRecord<String, Object, Object> record) {
		this.redis.opsForStream().acknowledge(this.properties.group(), record);
		this.redis.opsForStream().delete(record);
	}

	private void refreshView() {
		Map<Object, Object> stored = this.redis.opsForHash().entries(this.properties.posts());
		Map<String, QueuedPost> posts = new HashMap<>();
		long forgetBefore = this.clock.millis() - this.properties.maxAge().multipliedBy(2).toMillis();
		stored.forEach((key, value) -> {
			QueuedPost post = this.outbox.read(value.toString());
			if (post.isFailed() && post.queuedAt() < forgetBefore) {
				// Shown as failed for a while, then forgotten: the hash stays bounded.
				this.redis.opsForHash().delete(this.properties.posts(), key);
			}
			else {
				posts.put(key.toString(), post);
			}
		});
		this.outbox.seen(posts);
	}

	private static Throwable mostSpecific(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * The failure Spring Cloud CircuitBreaker wrapped (it rethrows the call's exception
	 * inside its own).
	 */
	private static Throwable mostSpecificOf(RuntimeException ex) {
		Throwable cause = ex;
		while (!(cause instanceof dev.faultline.ui.backend.BackendException) && cause.getCause() != null
				&& cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
