package dev.faultline.ui.outbox;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.ui.backend.NewMessage;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.shared.SharedLink;
import dev.faultline.ui.shared.SharedProperties;

import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a post that cannot be delivered now goes instead of failing the user's action:
 * into Redis (the post in a hash by its Idempotency-Key, its key appended to a Stream
 * that every replica's {@link OutboxDeliverer} reads), so it survives a UI restart and is
 * delivered by whichever replica sees the backend back first.
 *
 * <p>
 * Queuing is one short Redis write (500 ms timeout) and only tried while the link to
 * Redis is up, so a broken Redis never holds a request for long; without Redis the form
 * comes back as before. The page's list of waiting posts is read from memory, refreshed
 * by the deliverer: showing a page never waits for Redis.
 */
@Component
public class Outbox {

	private final StringRedisTemplate redis;

	private final OutboxProperties properties;

	private final SharedProperties shared;

	private final SharedLink link;

	private final ObjectMapper json;

	private final Clock clock;

	private final Map<String, QueuedPost> known = new ConcurrentHashMap<>();

	Outbox(StringRedisTemplate redis, OutboxProperties properties, SharedProperties shared, SharedLink link,
			ObjectMapper json, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.shared = shared;
		this.link = link;
		this.json = json;
		this.clock = clock;
	}

	/** Whether a post can be queued now. */
	public Availability availability() {
		if (!this.shared.enabled()) {
			return Availability.NEEDS_REDIS;
		}
		return (this.link.status() == SharedLink.Status.CONNECTED) ? Availability.AVAILABLE
				: Availability.REDIS_UNREACHABLE;
	}

	/**
	 * Queues the post for delivery.
	 * @throws OutboxUnavailableException when Redis does not take it
	 */
	public QueuedPost enqueue(NewMessage message, String idempotencyKey, ProtectionLevel level) {
		QueuedPost post = QueuedPost.queued(message, idempotencyKey, level.id(), this.clock.millis());
		try {
			// putIfAbsent: the same form sent twice is one queued post, as it is one
			// stored
			// message.
			this.redis.opsForHash().putIfAbsent(this.properties.posts(), idempotencyKey, write(post));
			this.redis.opsForStream()
				.add(StreamRecords.string(Map.of("key", idempotencyKey)).withStreamKey(this.properties.stream()));
		}
		catch (RuntimeException ex) {
			throw new OutboxUnavailableException(ex);
		}
		this.known.putIfAbsent(idempotencyKey, post);
		return post;
	}

	/** The posts waiting (or failed), newest first, as last seen. */
	public List<QueuedPost> waiting() {
		return this.known.values().stream().sorted(Comparator.comparingLong(QueuedPost::queuedAt).reversed()).toList();
	}

	/** The deliverer's latest view of every queued post. */
	void seen(Map<String, QueuedPost> posts) {
		this.known.keySet().retainAll(posts.keySet());
		this.known.putAll(posts);
	}

	String write(QueuedPost post) {
		try {
			return this.json.writeValueAsString(post);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A queued post could not be written as JSON", ex);
		}
	}

	QueuedPost read(String stored) {
		try {
			return this.json.readValue(stored, QueuedPost.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Not a queued post: " + stored, ex);
		}
	}

	/** Whether posts can be queued, and if not, why not (the page says so). */
	public enum Availability {

		/** Redis takes posts. */
		AVAILABLE,

		/** Sharing with Redis is not configured here: a failed post fails, as before. */
		NEEDS_REDIS,

		/** Redis is configured but does not answer now. */
		REDIS_UNREACHABLE

	}

}
