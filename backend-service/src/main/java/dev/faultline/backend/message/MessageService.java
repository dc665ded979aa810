package dev.faultline.backend.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.lang.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads and creates messages; creation with an {@code Idempotency-Key} stores at most one
 * message per key, even when the same request arrives several times at once.
 */
@Service
class MessageService {

	private static final Logger log = LoggerFactory.getLogger(MessageService.class);

	private final MessageRepository messages;

	private final IdempotencyKeys keys;

	private final TransactionTemplate transaction;

	private final IdempotencyProperties properties;

	private final Clock clock;

	MessageService(MessageRepository messages, IdempotencyKeys keys, TransactionTemplate transaction,
			IdempotencyProperties properties, Clock clock) {
		this.messages = messages;
		this.keys = keys;
		this.transaction = transaction;
		this.properties = properties;
		this.clock = clock;
	}

	List<Message> newest(int limit) {
		return this.messages.findNewest(limit);
	}

	Message find(long id) {
		return this.messages.findById(id).orElseThrow(() -> new MessageNotFoundException(id));
	}

	/**
	 * Stores a message. With a key, a repeat of the same request returns the message the
	 * key first created and stores nothing; a repeat with a different request is
	 * rejected.
	 */
	Creation create(NewMessage request, @Nullable String idempotencyKey) {
		if (idempotencyKey == null) {
			return new Creation(this.messages.save(Message.newMessage(request, now())), false);
		}
		String hash = hash(request);
		Optional<Creation> replay = replay(idempotencyKey, hash);
		if (replay.isPresent()) {
			return replay.get();
		}
		try {
			return this.transaction.execute((status) -> {
				Message saved = this.messages.save(Message.newMessage(request, now()));
				this.keys.insert(idempotencyKey, hash, saved.id(), saved.createdAt());
				return new Creation(saved, false);
			});
		}
		catch (DuplicateKeyException concurrentDuplicate) {
			// Another request with the same key committed first; our transaction rolled
			// back, so answer as a replay.
			return replay(idempotencyKey, hash).orElseThrow(() -> concurrentDuplicate);
		}
	}

	private Optional<Creation> replay(String key, String hash) {
		return this.keys.find(key).map((entry) -> {
			if (!entry.requestHash().equals(hash)) {
				throw new IdempotencyKeyReusedException(key);
			}
			return new Creation(find(entry.messageId()), true);
		});
	}

	/** Forgets keys older than the retention, hourly; messages stay. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	void forgetExpiredKeys() {
		int forgotten = this.keys.deleteOlderThan(now().minus(this.properties.retention()));
		if (forgotten > 0) {
			log.info("Forgot {} idempotency keys older than {}", forgotten, this.properties.retention());
		}
	}

	private Instant now() {
		// Millisecond precision: what the database stores is exactly what the first
		// response showed.
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static String hash(NewMessage request) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(request.author().getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			digest.update(request.text().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/**
	 * The outcome of a create call.
	 *
	 * @param message the stored message
	 * @param replayed whether it was stored earlier under the same key
	 */
	record Creation(Message message, boolean replayed) {
	}

}
