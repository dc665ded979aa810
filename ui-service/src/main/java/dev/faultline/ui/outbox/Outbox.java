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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Where a post that cannot be delivered now goes instead of failing the user's action:
 * into Redis (the post in a hash by its Idempotency-Key, its key appended to a Stream
 * that every replica's {@link OutboxDeliverer} reads), so it survives a UI restart and is
 * delivered by whichever replica sees the backend back first. Both writes are one Lua
 * script ({@code outbox/enqueue.lua}), so a key is queued once however many replicas are
 * sent the same form, and at most {@code faultline.outbox.max-waiting} posts wait,
 * counted in Redis for all replicas at once.
 *
 * <p>
 * Queuing is one short Redis script (500 ms timeout per call) and only tried while the
 * link to Redis is up, so a broken Redis never holds a request for long; without Redis
 * the form comes back as before. The page's list of waiting posts is read from memory,
 * refreshed by the deliverer: showing a page never waits for Redis. It lists the newest
 * {@code faultline.outbox.listed} and counts the rest, so the page stays small.
 */
@Component
public class Outbox {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ENQUEUE = RedisScript.of(new ClassPathResource("outbox/enqueue.lua"),
			List.class);

	private static final String QUEUED = "queued";

	private static final String EXISTS = "exists";

	private static final String FULL = "full";

	private final ObjectProvider<StringRedisTemplate> redis;

	private final OutboxProperties properties;

	private final SharedProperties shared;

	private final SharedLink link;

	private final ObjectMapper json;

	private final Clock clock;

	private final Map<String, QueuedPost> known = new ConcurrentHashMap<>();

	Outbox(ObjectProvider<StringRedisTemplate> redis, OutboxProperties properties, SharedProperties shared,
			SharedLink link, ObjectMapper json, Clock clock) {
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
	 * Queues the post for delivery. The same form sent again (same key, same author and
	 * text) is the post already queued, as it is one stored message at the backend.
	 * @return the queued post: this one, or the one queued before with the same key
	 * @throws OutboxKeyReusedException when the key is queued with another author or text
	 * @throws OutboxFullException when the most posts that may wait already do
	 * @throws OutboxUnavailableException when Redis does not take it
	 */
	public QueuedPost enqueue(NewMessage message, String idempotencyKey, ProtectionLevel level) {
		QueuedPost post = QueuedPost.queued(message, idempotencyKey, level.id(), this.clock.millis());
		StringRedisTemplate redis = this.redis.getIfAvailable();
		if (redis == null) {
			throw new OutboxUnavailableException(
					new IllegalStateException("No Redis: faultline.shared.enabled is off"));
		}
		List<?> answer;
		try {
			answer = redis.execute(ENQUEUE, List.of(this.properties.posts(), this.properties.stream()), idempotencyKey,
					write(post), String.valueOf(this.properties.maxWaiting()));
		}
		catch (RuntimeException ex) {
			throw new OutboxUnavailableException(ex);
		}
		if (answer == null || answer.isEmpty()) {
			throw new OutboxUnavailableException(new IllegalStateException("Redis gave the outbox script no answer"));
		}
		String outcome = String.valueOf(answer.get(0));
		if (EXISTS.equals(outcome)) {
			QueuedPost first = read(String.valueOf(answer.get(1)));
			if (!first.message().equals(message)) {
				throw new OutboxKeyReusedException();
			}
			this.known.putIfAbsent(idempotencyKey, first);
			return first;
		}
		if (FULL.equals(outcome)) {
			throw new OutboxFullException(this.properties.maxWaiting());
		}
		if (!QUEUED.equals(outcome)) {
			throw new IllegalStateException("Unexpected answer of the outbox script: " + answer);
		}
		this.known.putIfAbsent(idempotencyKey, post);
		return post;
	}

	/**
	 * The newest posts waiting (or failed), newest first, and how many more, as last
	 * seen.
	 */
	public WaitingPosts waiting() {
		List<QueuedPost> all = List.copyOf(this.known.values());
		List<QueuedPost> newest = all.stream()
			.sorted(Comparator.comparingLong(QueuedPost::queuedAt).reversed())
			.limit(this.properties.listed())
			.toList();
		return new WaitingPosts(newest, all.size() - newest.size());
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
		REDIS_UNREACHABLE,

		/**
		 * The most posts that may wait already do: only {@link #enqueue} finds out, and
		 * the post is refused rather than anything dropped.
		 */
		FULL

	}

}
