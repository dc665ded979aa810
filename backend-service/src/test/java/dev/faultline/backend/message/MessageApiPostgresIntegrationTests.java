package dev.faultline.backend.message;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.backend.testsupport.PostgresBackend;
import dev.faultline.backend.testsupport.RunningBackend;
import dev.faultline.testsupport.PostgresServer;
import dev.faultline.testsupport.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message API over real HTTP against a real PostgreSQL, as replicas of the backend
 * use it: the same migrations, the same answers as on H2, timestamps that come back as
 * they went in, and one message per Idempotency-Key even when several clients send it at
 * once to two backends that share the database. Skipped where PostgreSQL is not
 * installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@DirtiesContext
class MessageApiPostgresIntegrationTests {

	private static PostgresServer postgres;

	private static TimeZone jvmTimeZone;

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private IdempotencyKeys keys;

	private TestHttp api;

	@BeforeAll
	static void startPostgres() {
		postgres = PostgresServer.startOrSkip(MessageApiPostgresIntegrationTests.class);
		// Far from UTC, and not by whole hours: a timestamp that depended on the JVM's
		// time zone (the driver gives it to each session) would come back moved.
		jvmTimeZone = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
	}

	@AfterAll
	static void closePostgres() {
		if (jvmTimeZone != null) {
			TimeZone.setDefault(jvmTimeZone);
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@DynamicPropertySource
	static void sharedDatabase(DynamicPropertyRegistry registry) {
		PostgresBackend.register(registry, () -> postgres);
	}

	@BeforeEach
	void client() {
		this.api = TestHttp.toPort(this.port);
	}

	@Test
	void runsOnPostgresWithEveryMigrationAndTheSeededMessages() throws Exception {
		assertThat(
				this.jdbc.sql("SELECT h.version FROM flyway_schema_history h WHERE h.success ORDER BY h.installed_rank")
					.query(String.class)
					.list())
			.containsExactly("1", "2", "3");
		assertThat(this.jdbc.sql("SELECT current_setting('server_version_num')::int").query(Integer.class).single())
			.isGreaterThanOrEqualTo(150000);
		JsonNode seeded = this.json.readTree(this.api.get("/api/messages?limit=100").body());
		assertThat(seeded.findValuesAsText("author")).contains("Ada", "Grace", "Linus", "Margaret", "Barbara");
		assertThat(seeded.findValuesAsText("createdAt")).contains("2026-01-01T09:00:00Z");
	}

	@Test
	void storesAPostedMessageAndServesItBackExactlyOverHttp() throws Exception {
		// Outside the Basic Multilingual Plane, and at the rule's limit in code points.
		String text = "\uD83D\uDE80".repeat(280);
		Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		HttpResponse<String> created = post("{\"author\":\"Ada\",\"text\":\"" + text + "\"}", null);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode message = this.json.readTree(created.body());
		Instant createdAt = Instant.parse(message.get("createdAt").asText());
		assertThat(createdAt).isBetween(before, Instant.now());

		HttpResponse<String> one = this.api.get(created.headers().firstValue("Location").orElseThrow());
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(one.body())).isEqualTo(message);
		JsonNode newest = this.json.readTree(this.api.get("/api/messages?limit=1").body());
		assertThat(newest.get(0)).isEqualTo(message);
		assertThat(newest.get(0).get("text").asText()).isEqualTo(text);
		// The instant PostgreSQL holds, whatever the session's time zone.
		assertThat(this.jdbc.sql("SELECT (extract(epoch FROM created_at) * 1000)::bigint FROM messages WHERE id = ?")
			.param(message.get("id").asLong())
			.query(Long.class)
			.single()).isEqualTo(createdAt.toEpochMilli());
	}

	@Test
	void replaysARepeatedKeyWithTheSameAnswerAndStoresNothingNew() throws Exception {
		String body = "{\"author\":\"Ada\",\"text\":\"replayed on postgres\"}";
		HttpResponse<String> first = post(body, "pg-replay-key");
		HttpResponse<String> second = post(body, "pg-replay-key");

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(second.statusCode()).isEqualTo(201);
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
		assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
		assertThat(this.json.readTree(second.body())).isEqualTo(this.json.readTree(first.body()));
		assertThat(rowsWithText("replayed on postgres")).isOne();
		assertThat(this.jdbc.sql(
				"SELECT (extract(epoch FROM created_at) * 1000)::bigint FROM idempotency_keys WHERE idempotency_key = ?")
			.param("pg-replay-key")
			.query(Long.class)
			.single()).as("the key's timestamp is its message's")
			.isEqualTo(Instant.parse(this.json.readTree(first.body()).get("createdAt").asText()).toEpochMilli());
	}

	@Test
	void rejectsAReusedKeyWithADifferentBodyAndStoresNothing() {
		post("{\"author\":\"Ada\",\"text\":\"the pg original\"}", "pg-reused-key");
		HttpResponse<String> reused = post("{\"author\":\"Ada\",\"text\":\"something else on pg\"}", "pg-reused-key");

		assertThat(reused.statusCode()).isEqualTo(422);
		assertThat(reused.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(rowsWithText("something else on pg")).isZero();
	}

	@Test
	void forgetsAKeyPastItsRetentionSoThatItStoresAgain() throws Exception {
		String body = "{\"author\":\"Ada\",\"text\":\"kept past the retention\"}";
		long first = this.json.readTree(post(body, "pg-expiring-key").body()).get("id").asLong();

		assertThat(this.keys.deleteOlderThan(Instant.now().minus(1, ChronoUnit.HOURS))).as("younger: kept").isZero();
		assertThat(this.keys.find("pg-expiring-key")).isPresent();
		assertThat(this.keys.deleteOlderThan(Instant.now().plus(1, ChronoUnit.MINUTES))).as("older: forgotten")
			.isPositive();

		HttpResponse<String> again = post(body, "pg-expiring-key");
		assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(this.json.readTree(again.body()).get("id").asLong()).isNotEqualTo(first);
	}

	@Test
	void storesExactlyOneMessageWhenClientsSendTheSameKeyToTwoReplicasAtOnce() throws Exception {
		int clients = 3;
		try (RunningBackend replica = RunningBackend.start(PostgresBackend.arguments(postgres))) {
			List<TestHttp> replicas = List.of(this.api, replica.api());
			ExecutorService pool = Executors.newFixedThreadPool(clients);
			try {
				// Several rounds, each with a key of its own: one round rarely makes the
				// requests overlap inside the database.
				for (int round = 0; round < 10; round++) {
					String key = "pg-concurrent-key-" + round;
					String text = "sent at once to two replicas, round " + round;
					String body = "{\"author\":\"Ada\",\"text\":\"" + text + "\"}";
					CountDownLatch start = new CountDownLatch(1);
					List<Future<HttpResponse<String>>> answers = new ArrayList<>();
					for (int client = 0; client < clients; client++) {
						TestHttp target = replicas.get(client % replicas.size());
						answers.add(pool.submit(() -> {
							start.await();
							return target.send("POST", "/api/messages", body, "Content-Type", "application/json",
									"Idempotency-Key", key);
						}));
					}
					start.countDown();
					List<JsonNode> messages = new ArrayList<>();
					int firstTime = 0;
					for (Future<HttpResponse<String>> answer : answers) {
						HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
						assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
						messages.add(this.json.readTree(response.body()));
						if (response.headers().firstValue("Idempotent-Replayed").isEmpty()) {
							firstTime++;
						}
					}
					assertThat(messages).as("round %d", round).hasSize(clients).containsOnly(messages.get(0));
					assertThat(firstTime).as("answers that stored it, round %d", round).isOne();
					assertThat(rowsWithText(text)).as("rows, round %d", round).isOne();
				}
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	private HttpResponse<String> post(String body, String key) {
		return (key != null) ? this.api.send("POST", "/api/messages", body, "Content-Type", "application/json",
				"Idempotency-Key", key)
				: this.api.send("POST", "/api/messages", body, "Content-Type", "application/json");
	}

	private long rowsWithText(String text) {
		return this.jdbc.sql("SELECT COUNT(*) FROM messages WHERE text = ?").param(text).query(Long.class).single();
	}

}
