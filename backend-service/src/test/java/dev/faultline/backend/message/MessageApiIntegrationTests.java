package dev.faultline.backend.message;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.testsupport.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message API over real HTTP on random ports, against the real H2 file database:
 * idempotent creation under concurrency, limits a slice test cannot see, and the
 * management port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureObservability(tracing = false)
class MessageApiIntegrationTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void fileDatabase(DynamicPropertyRegistry registry) {
		registry.add("faultline.data-dir", dataDir::toString);
	}

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private JdbcClient jdbc;

	private TestHttp api;

	private TestHttp management;

	@BeforeEach
	void clientsForBothPorts() {
		this.api = TestHttp.toPort(this.port);
		this.management = TestHttp.toPort(this.managementPort);
	}

	@Test
	void storesAPostedMessageAndServesItAtItsLocationAndFirstInTheList() throws Exception {
		HttpResponse<String> created = post("{\"author\":\"Ada\",\"text\":\"stored for real\"}", null);
		assertThat(created.statusCode()).isEqualTo(201);
		// Location is a path (never built from the Host header): resolved against the
		// address the client used.
		String location = created.headers().firstValue("Location").orElseThrow();

		HttpResponse<String> one = this.api.get(location);
		assertThat(this.json.readTree(one.body()).get("text").asText()).isEqualTo("stored for real");

		JsonNode newest = this.json.readTree(this.api.get("/api/messages?limit=1").body());
		assertThat(newest.get(0).get("id").asLong()).isEqualTo(this.json.readTree(created.body()).get("id").asLong());
	}

	@Test
	void replaysARepeatedKeyWithTheSameAnswerAndStoresNothingNew() throws Exception {
		String body = "{\"author\":\"Ada\",\"text\":\"replayed once\"}";
		HttpResponse<String> first = post(body, "replay-key-1");
		HttpResponse<String> second = post(body, "replay-key-1");

		assertThat(second.statusCode()).isEqualTo(201);
		assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
		assertThat(this.json.readTree(second.body())).isEqualTo(this.json.readTree(first.body()));
		assertThat(rowsWithText("replayed once")).isOne();
	}

	@Test
	void rejectsAReusedKeyWithADifferentBodyAndStoresNothing() {
		post("{\"author\":\"Ada\",\"text\":\"the original\"}", "reused-key");
		HttpResponse<String> reused = post("{\"author\":\"Ada\",\"text\":\"something else\"}", "reused-key");

		assertThat(reused.statusCode()).isEqualTo(422);
		assertThat(reused.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(rowsWithText("something else")).isZero();
	}

	@Test
	void storesExactlyOneMessageWhenTheSameKeyArrivesManyTimesAtOnce() throws Exception {
		int clients = 8;
		String body = "{\"author\":\"Ada\",\"text\":\"sent by eight impatient clients\"}";
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return post(body, "concurrent-key");
				}));
			}
			start.countDown();
			List<Long> ids = new ArrayList<>();
			for (Future<HttpResponse<String>> answer : answers) {
				HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
				assertThat(response.statusCode()).isEqualTo(201);
				ids.add(this.json.readTree(response.body()).get("id").asLong());
			}
			assertThat(ids).hasSize(clients).containsOnly(ids.get(0));
			assertThat(rowsWithText("sent by eight impatient clients")).isOne();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void refusesAChunkedBodyThatGrowsPastSixteenKilobytes() {
		byte[] body = ("{\"author\":\"Ada\",\"text\":\"" + "x".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		// An input-stream publisher has no length, so the JDK client sends the body
		// chunked.
		HttpResponse<String> response = this.api.send(HttpRequest.newBuilder(this.api.uri("/api/messages"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
	}

	@Test
	void answersAnUnknownRouteWithANotFoundProblemWithoutStackTrace() {
		HttpResponse<String> response = this.api.get("/api/nothing-here");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
	}

	@Test
	void servesHealthGroupsInfoAndPrometheusOnTheManagementPortOnly() throws Exception {
		assertThat(this.json.readTree(this.management.get("/actuator/health/liveness").body()).get("status").asText())
			.isEqualTo("UP");
		assertThat(this.json.readTree(this.management.get("/actuator/health/readiness").body()).get("status").asText())
			.isEqualTo("UP");
		JsonNode info = this.json.readTree(this.management.get("/actuator/info").body());
		assertThat(info.at("/build/artifact").asText()).isEqualTo("backend-service");
		assertThat(this.management.get("/actuator/prometheus").body()).contains("http_server_requests_seconds");
		assertThat(this.api.get("/actuator/health").statusCode()).isEqualTo(404);
	}

	@Test
	void errorPathAskedForDirectlyIsA404ProblemNotStatus999() throws Exception {
		HttpResponse<String> answer = this.api.get("/error");

		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(answer.body()).get("status").asInt()).isEqualTo(404);
	}

	@Test
	void rawBracketsInTheQueryReachTheApiAndGetItsProblemNotTomcatsHtmlPage() throws Exception {
		try (java.net.Socket socket = new java.net.Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET /api/messages?limit=[5] HTTP/1.1\r\nHost: localhost\r\n" + "Connection: close\r\n\r\n")
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

			assertThat(answer).startsWith("HTTP/1.1 400")
				.contains("Content-Type: application/problem+json")
				.contains("\"field\":\"limit\"");
		}
	}

	@Test
	void anUnknownActuatorPathOnTheManagementPortIsAProblemNotABare404() throws Exception {
		HttpResponse<String> answer = this.management.get("/actuator/health/nope");

		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(answer.body()).get("status").asInt()).isEqualTo(404);
	}

	@Test
	void healthShowsEachComponentButNoDetailsThatNameTheDatabaseOrItsDirectory() throws Exception {
		HttpResponse<String> health = this.management.get("/actuator/health");

		assertThat(this.json.readTree(health.body()).get("components").get("db").get("status").asText())
			.isEqualTo("UP");
		assertThat(health.body()).doesNotContain("H2").doesNotContain(dataDir.toString()).doesNotContain("details");
	}

	private long rowsWithText(String text) {
		return this.jdbc.sql("SELECT COUNT(*) FROM messages WHERE text = ?").param(text).query(Long.class).single();
	}

	/** A JSON post, with the Idempotency-Key when it is not {@code null}. */
	private HttpResponse<String> post(String body, String idempotencyKey) {
		return (idempotencyKey != null)
				? this.api.send("POST", "/api/messages", body, "Content-Type", "application/json", "Idempotency-Key",
						idempotencyKey)
				: this.api.send("POST", "/api/messages", body, "Content-Type", "application/json");
	}

}
