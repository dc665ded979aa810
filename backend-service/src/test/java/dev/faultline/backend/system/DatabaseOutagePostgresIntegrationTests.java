package dev.faultline.backend.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.backend.testsupport.PostgresBackend;
import dev.faultline.testsupport.ErrorLog;
import dev.faultline.testsupport.PostgresServer;
import dev.faultline.testsupport.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database is a dependency, and the backend bounds its waits on it: while PostgreSQL
 * hangs (every process of it stopped with {@code SIGSTOP}) or holds a lock too long, a
 * request is answered a 503 problem well inside the UI's 2 s deadline, without an ERROR
 * line or a stack trace, and readiness says DOWN; once the database answers again, so
 * does the backend. Skipped where PostgreSQL is not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@DirtiesContext
class DatabaseOutagePostgresIntegrationTests {

	/** The UI's deadline for a whole call: every answer here must come well before. */
	private static final Duration DEADLINE = Duration.ofSeconds(2);

	private static final String MESSAGE = "{\"author\":\"Ada\",\"text\":\"while the database hangs\"}";

	private static PostgresServer postgres;

	private static ErrorLog errorLog;

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	private TestHttp api;

	private TestHttp management;

	@BeforeAll
	static void startPostgres() {
		postgres = PostgresServer.startOrSkip(DatabaseOutagePostgresIntegrationTests.class);
		errorLog = ErrorLog.open();
	}

	@AfterAll
	static void closePostgres() {
		if (errorLog != null) {
			errorLog.close();
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
	void healthyDatabase() {
		this.api = TestHttp.toPort(this.port);
		this.management = TestHttp.toPort(this.managementPort);
		awaitReady();
		errorLog.clear();
	}

	@AfterEach
	void resumeDatabase() {
		if (postgres.paused()) {
			postgres.resume();
		}
	}

	@Test
	void everyRequestIsA503ProblemWithinTheDeadlineWhileTheDatabaseHangs() throws Exception {
		long id = this.json.readTree(post("before-the-outage").body()).get("id").asLong();
		postgres.pause();

		List<Supplier<HttpResponse<String>>> requests = List.of(() -> this.api.get("/api/messages"),
				() -> this.api.get("/api/messages/" + id), () -> post(null), () -> post("during-the-outage"),
				() -> post("before-the-outage"));
		for (Supplier<HttpResponse<String>> request : requests) {
			long started = System.nanoTime();
			HttpResponse<String> answer = request.get();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

			assertThat(answer.statusCode()).as("%s: %s", answer.request(), answer.body()).isEqualTo(503);
			assertThat(millis).as("%s answered within the deadline", answer.request()).isLessThan(DEADLINE.toMillis());
			assertUnavailableProblem(answer);
		}
		assertThat(errorLog.errors()).isEmpty();
	}

	@Test
	void readinessIsDownWhileTheDatabaseHangsAndLivenessStaysUp() throws Exception {
		postgres.pause();

		long started = System.nanoTime();
		HttpResponse<String> readiness = this.management.get("/actuator/health/readiness");
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("readiness answered in time")
			.isLessThan(DEADLINE.toMillis());
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(this.json.readTree(readiness.body()).at("/components/db/status").asText()).isEqualTo("DOWN");
		assertThat(this.json.readTree(readiness.body()).get("status").asText()).isEqualTo("DOWN");

		HttpResponse<String> liveness = this.management.get("/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(liveness.body()).get("status").asText()).isEqualTo("UP");
		assertThat(errorLog.errors()).isEmpty();
	}

	@Test
	void servesAgainOnceTheDatabaseAnswersAndAWriteRetriedWithItsKeyIsStoredOnce() throws Exception {
		postgres.pause();
		assertThat(post("retried-after-the-outage").statusCode()).isEqualTo(503);
		postgres.resume();

		awaitReady();
		HttpResponse<String> retried = post("retried-after-the-outage");
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
		assertThat(retried.headers().firstValue("Idempotent-Replayed")).as("nothing was stored during the outage")
			.isEmpty();
		HttpResponse<String> again = post("retried-after-the-outage");
		assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
		assertThat(this.json.readTree(again.body())).isEqualTo(this.json.readTree(retried.body()));
		assertThat(this.api.get("/api/messages").statusCode()).isEqualTo(200);
		assertThat(errorLog.errors()).isEmpty();
	}

	@Test
	void aStatementHeldUpByALockIsCancelledAndAnswered503() throws Exception {
		try (Connection locker = connect(); Statement statement = locker.createStatement()) {
			locker.setAutoCommit(false);
			statement.execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE");
			long timeoutsBefore = statementTimeouts();
			try {
				long started = System.nanoTime();
				HttpResponse<String> answer = this.api.get("/api/messages");
				long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
				assertThat(millis).isLessThan(DEADLINE.toMillis());
				assertUnavailableProblem(answer);
				// The server cancelled it (statement_timeout, 500 ms), before the
				// driver's
				// own 1 s bound on a read would have broken the connection.
				assertThat(statementTimeouts()).isEqualTo(timeoutsBefore + 1);
			}
			finally {
				locker.rollback();
			}
		}
		assertThat(this.api.get("/api/messages").statusCode()).isEqualTo(200);
		assertThat(errorLog.errors()).isEmpty();
	}

	@Test
	void aWriteCutOffInsideItsTransactionIsA503AndStoresNothing() throws Exception {
		String text = "cut off inside its transaction";
		HttpResponse<String> answer;
		try (Connection locker = connect();
				Statement statement = locker.createStatement();
				Connection watcher = connect()) {
			locker.setAutoCommit(false);
			statement.execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE");
			CompletableFuture<HttpResponse<String>> write = CompletableFuture
				.supplyAsync(() -> this.api.send("POST", "/api/messages",
						"{\"author\":\"Ada\",\"text\":\"" + text + "\"}", "Content-Type", "application/json"));
			// The INSERT has begun its transaction and waits for the lock: now the
			// database stops, and the connection breaks under the open transaction.
			awaitInsertWaitingForLock(watcher);
			postgres.pause();
			long started = System.nanoTime();
			answer = write.get(10, TimeUnit.SECONDS);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(DEADLINE.toMillis());
			postgres.resume();
			locker.rollback();
		}
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
		assertUnavailableProblem(answer);
		awaitReady();
		assertThat(this.api.get("/api/messages?limit=100").body()).doesNotContain(text);
		assertThat(errorLog.errors()).isEmpty();
	}

	/**
	 * On a connection of its own, outside a transaction: within one, PostgreSQL shows the
	 * same snapshot of its activity every time.
	 */
	private static void awaitInsertWaitingForLock(Connection watcher) throws Exception {
		try (Statement statement = watcher.createStatement()) {
			await("the INSERT waiting for the lock").atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> insertsWaitingForALock(statement) > 0);
		}
	}

	private static int insertsWaitingForALock(Statement statement) throws SQLException {
		try (ResultSet waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
				+ " WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO MESSAGES%'")) {
			waiting.next();
			return waiting.getInt(1);
		}
	}

	/** How often the server has cancelled a statement for its statement_timeout. */
	private static long statementTimeouts() throws IOException {
		try (Stream<String> lines = Files.lines(postgres.log())) {
			return lines.filter((line) -> line.contains("canceling statement due to statement timeout")).count();
		}
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
	}

	private void assertUnavailableProblem(HttpResponse<String> answer) throws Exception {
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
		JsonNode problem = this.json.readTree(answer.body());
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("type").asText()).isEqualTo(ProblemTypes.DATABASE_UNAVAILABLE.toString());
		assertThat(problem.get("detail").asText()).isNotBlank();
		// Nothing about the database's insides: no driver message, no stack trace.
		assertThat(answer.body()).doesNotContain("Exception")
			.doesNotContain("at org.")
			.doesNotContainIgnoringCase("postgres")
			.doesNotContainIgnoringCase("jdbc")
			.doesNotContainIgnoringCase("sql");
	}

	private HttpResponse<String> post(String key) {
		return (key != null) ? this.api.send("POST", "/api/messages", MESSAGE, "Content-Type", "application/json",
				"Idempotency-Key", key)
				: this.api.send("POST", "/api/messages", MESSAGE, "Content-Type", "application/json");
	}

	/** Readiness UP, within a bounded wait: the pool reconnects by itself. */
	private void awaitReady() {
		await("readiness UP again").atMost(Duration.ofSeconds(15))
			.until(() -> this.management.get("/actuator/health/readiness").statusCode() == 200);
	}

}
