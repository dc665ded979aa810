package dev.faultline.backend.message;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Remembers which message each {@code Idempotency-Key} created, and a hash of the request
 * that created it, in the same database as the messages, so that replays are recognised
 * across restarts.
 */
@Repository
class IdempotencyKeys {

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Entry> find(String key) {
		return this.jdbc.sql("SELECT request_hash, message_id FROM idempotency_keys WHERE idempotency_key = ?")
			.param(key)
			.query((rs, row) -> new Entry(rs.getString("request_hash"), rs.getLong("message_id")))
			.optional();
	}

	/**
	 * Records a key; a second insert of the same key fails with a
	 * {@link org.springframework.dao.DuplicateKeyException}, which is how concurrent
	 * duplicates are caught.
	 */
	void insert(String key, String requestHash, long messageId, Instant now) {
		this.jdbc.sql(
				"INSERT INTO idempotency_keys (idempotency_key, request_hash, message_id, created_at) VALUES (?, ?, ?, ?)")
			.params(key, requestHash, messageId, timestamp(now))
			.update();
	}

	int deleteOlderThan(Instant cutoff) {
		return this.jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < ?").param(timestamp(cutoff)).update();
	}

	/**
	 * An instant as JDBC 4.2 binds a {@code TIMESTAMP WITH TIME ZONE} on every database:
	 * H2 also takes an {@link Instant}, but PostgreSQL's driver cannot tell which SQL
	 * type one is. In UTC, so that the value never depends on the JVM's time zone.
	 */
	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * What a key is bound to.
	 *
	 * @param requestHash SHA-256 of the request that first used the key
	 * @param messageId the message it created
	 */
	record Entry(String requestHash, long messageId) {
	}

}
