package dev.faultline.backend.message;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Repository tests against the real H2 database in file mode, with the Flyway schema and
 * seed data.
 */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(IdempotencyKeys.class)
class MessageRepositoryTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void fileDatabase(DynamicPropertyRegistry registry) {
		registry.add("faultline.data-dir", dataDir::toString);
	}

	@Autowired
	private MessageRepository messages;

	@Autowired
	private IdempotencyKeys keys;

	@Test
	void seedsFriendlyDemoMessagesOnFirstStart() {
		assertThat(this.messages.findNewest(100)).hasSizeGreaterThanOrEqualTo(5)
			.extracting(Message::author)
			.contains("Ada", "Grace");
	}

	@Test
	void findsNewestFirstBreakingTimestampTiesById() {
		Instant now = Instant.parse("2030-01-01T00:00:00Z");
		Message older = this.messages.save(new Message(null, "Ada", "older", now.minusSeconds(1)));
		Message first = this.messages.save(new Message(null, "Ada", "same time, first", now));
		Message second = this.messages.save(new Message(null, "Ada", "same time, second", now));
		List<Message> newest = this.messages.findNewest(3);
		assertThat(newest).extracting(Message::id).containsExactly(second.id(), first.id(), older.id());
	}

	@Test
	void limitsTheNumberOfMessages() {
		assertThat(this.messages.findNewest(2)).hasSize(2);
	}

	@Test
	void storesAndReadsBackEveryField() {
		Instant createdAt = Instant.parse("2026-05-01T12:34:56.789Z");
		Message saved = this.messages.save(new Message(null, "Grace", "Ünïcode ✓ survives", createdAt));
		assertThat(saved.id()).isNotNull();
		assertThat(this.messages.findById(saved.id()))
			.contains(new Message(saved.id(), "Grace", "Ünïcode ✓ survives", createdAt));
	}

	@Test
	void remembersWhichMessageAnIdempotencyKeyCreated() {
		Message saved = this.messages.save(new Message(null, "Ada", "keyed", Instant.now()));
		this.keys.insert("key-remembered", "a".repeat(64), saved.id(), Instant.now());
		assertThat(this.keys.find("key-remembered")).contains(new IdempotencyKeys.Entry("a".repeat(64), saved.id()));
		assertThat(this.keys.find("never-used")).isEmpty();
	}

	@Test
	void refusesASecondRowForTheSameIdempotencyKey() {
		Message saved = this.messages.save(new Message(null, "Ada", "keyed", Instant.now()));
		this.keys.insert("key-twice", "a".repeat(64), saved.id(), Instant.now());
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.keys.insert("key-twice", "b".repeat(64), saved.id(), Instant.now()));
	}

	@Test
	void forgetsOnlyKeysOlderThanTheCutoff() {
		Message saved = this.messages.save(new Message(null, "Ada", "keyed", Instant.now()));
		Instant cutoff = Instant.parse("2026-06-01T00:00:00Z");
		this.keys.insert("key-old", "a".repeat(64), saved.id(), cutoff.minusSeconds(1));
		this.keys.insert("key-new", "a".repeat(64), saved.id(), cutoff.plusSeconds(1));
		assertThat(this.keys.deleteOlderThan(cutoff)).isEqualTo(1);
		assertThat(this.keys.find("key-old")).isEmpty();
		assertThat(this.keys.find("key-new")).isPresent();
		assertThat(this.messages.findById(saved.id())).isPresent();
	}

}
