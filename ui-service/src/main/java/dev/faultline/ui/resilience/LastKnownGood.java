package dev.faultline.ui.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.faultline.ui.backend.FailureReason;
import dev.faultline.ui.backend.FailureReasons;
import dev.faultline.ui.backend.Message;

import org.springframework.stereotype.Component;

/**
 * The last-known-good cache behind the fallback: the newest messages from each successful
 * read, bounded in size and age (Caffeine), and the fallback answer built from it.
 */
@Component
public class LastKnownGood {

	private final Cache<Integer, Snapshot> cache;

	private final Clock clock;

	LastKnownGood(ResilienceProperties properties, Clock clock) {
		this.cache = Caffeine.newBuilder()
			.maximumSize(properties.cacheMaxEntries())
			.expireAfterWrite(properties.cacheMaxAge())
			.build();
		this.clock = clock;
	}

	/** Keeps a successful read, replacing the older one for the same limit. */
	public void remember(int limit, List<Message> messages) {
		this.cache.put(limit, new Snapshot(List.copyOf(messages), this.clock.instant()));
	}

	/** Keeps a successful read and delivers it live. */
	public Delivery live(int limit, List<Message> messages) {
		remember(limit, messages);
		return Delivery.live(messages);
	}

	/** The last successful read for the limit, if still kept. */
	public Optional<Snapshot> recall(int limit) {
		return Optional.ofNullable(this.cache.getIfPresent(limit));
	}

	/**
	 * The fallback answer for a failed read: the cached messages with their age and the
	 * failure's reason, or no messages at all when nothing is cached.
	 */
	public Delivery fallback(int limit, Throwable failure) {
		FailureReason reason = FailureReasons.of(failure);
		return recall(limit)
			.map((snapshot) -> Delivery.cached(snapshot.messages(), reason,
					Duration.between(snapshot.storedAt(), this.clock.instant()).toMillis()))
			.orElseGet(() -> Delivery.unavailable(reason));
	}

	/** Forgets everything, as after a restart. */
	public void clear() {
		this.cache.invalidateAll();
	}

	/**
	 * One successful read.
	 *
	 * @param messages what the backend returned
	 * @param storedAt when it was read
	 */
	public record Snapshot(List<Message> messages, Instant storedAt) {
	}

}
