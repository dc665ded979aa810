package dev.faultline.ui.dashboard;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.faultline.testsupport.TestHttp;
import dev.faultline.ui.backend.Replica;
import dev.faultline.ui.replica.ReplicaEjection;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.testsupport.ResilienceState;
import dev.faultline.ui.testsupport.StubBackend;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The dashboard against three backend replicas, three WireMock servers on random ports
 * that stand in for each replica's API and management port alike, over real HTTP: a chaos
 * button reaches one replica or the whole backend (the default); a replica that is down
 * or says no is named in the answer while the others take the action; an unknown target
 * is a 400 problem; the chaos state and the snapshot's replica panel show each replica,
 * and the panel follows an ejection. Bounds are loose on purpose: the suite runs on a
 * busy two-core machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class DashboardReplicasIntegrationTests {

	private static final int REPLICAS = 3;

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final WireMockServer[] servers = new WireMockServer[REPLICAS];

	private static final int[] ports = new int[REPLICAS];

	private static final ObjectMapper json = new ObjectMapper();

	static {
		for (int i = 0; i < REPLICAS; i++) {
			servers[i] = StubBackend.startOn(0);
			ports[i] = servers[i].port();
		}
	}

	@LocalServerPort
	private int port;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void pointAtThreeReplicas(DynamicPropertyRegistry registry) {
		String roots = Stream.of(servers).map(WireMockServer::baseUrl).collect(Collectors.joining(","));
		registry.add("faultline.backend.replicas", () -> roots);
		registry.add("faultline.backend.management-urls", () -> roots);
	}

	@BeforeEach
	void healEveryReplica() {
		for (int i = 0; i < REPLICAS; i++) {
			if (!servers[i].isRunning()) {
				servers[i] = StubBackend.startOn(ports[i]);
			}
			servers[i].resetAll();
			servers[i].stubFor(StubBackend.messageList().willReturn(StubBackend.messages("from replica " + i)));
			servers[i].stubFor(get(urlEqualTo("/chaos")).willReturn(okJson(StubBackend.CHAOS_NONE)));
			for (ChaosAction action : ChaosAction.values()) {
				servers[i].stubFor(put(urlEqualTo("/chaos/scenarios/" + action.id()))
					.willReturn(okJson(StubBackend.CHAOS_OUTAGE)));
			}
		}
		ResilienceState.reset(this.context);
	}

	@Test
	void aChaosButtonForOneReplicaReachesThatReplicaAlone() throws Exception {
		Answer answer = send("/dashboard/chaos/outage?target=" + target(1), true);

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode result = answer.json();
		assertThat(result.get("target").asText()).isEqualTo(target(1));
		assertThat(result.get("outcomes")).hasSize(1);
		assertThat(result.get("outcomes").get(0).get("target").asText()).isEqualTo(target(1));
		assertThat(result.get("outcomes").get(0).get("result").asText()).isEqualTo("applied");
		servers[1].verify(1, putRequestedFor(urlEqualTo("/chaos/scenarios/outage")));
		servers[0].verify(0, StubBackend.chaosChanges());
		servers[2].verify(0, StubBackend.chaosChanges());
	}

	@Test
	void theWholeBackendIsEveryReplicaAndWhatAButtonMeansByDefault() throws Exception {
		Answer byDefault = send("/dashboard/chaos/errors", true);
		Answer named = send("/dashboard/chaos/errors?target=all", true);

		for (Answer answer : List.of(byDefault, named)) {
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertThat(answer.json().get("target").asText()).isEqualTo("all");
			assertThat(answer.json().get("outcomes").findValuesAsText("result")).containsExactly("applied", "applied",
					"applied");
			assertThat(answer.json().get("outcomes").findValuesAsText("target")).containsExactly(target(0), target(1),
					target(2));
		}
		for (WireMockServer server : servers) {
			server.verify(2, putRequestedFor(urlEqualTo("/chaos/scenarios/errors")));
		}
	}

	@Test
	void aReplicaThatIsDownIsNamedWhileTheOthersTakeTheAction(CapturedOutput output) throws Exception {
		servers[2].stop();

		long start = System.nanoTime();
		Answer answer = send("/dashboard/chaos/outage", true);
		long elapsedMs = (System.nanoTime() - start) / 1_000_000;

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode outcomes = answer.json().get("outcomes");
		assertThat(outcomes.findValuesAsText("result")).containsExactly("applied", "applied", "unreachable");
		assertThat(outcomes.get(2).get("target").asText()).isEqualTo(target(2));
		assertThat(outcomes.get(2).get("problem").asText()).startsWith("chaos API not reachable");
		servers[0].verify(1, putRequestedFor(urlEqualTo("/chaos/scenarios/outage")));
		servers[1].verify(1, putRequestedFor(urlEqualTo("/chaos/scenarios/outage")));
		assertThat(elapsedMs).as("a refused connection is a fast failure, and the replicas are asked at once")
			.isLessThan(BackendChaos.TOTAL_WAIT.toMillis());
		assertThat(output.getAll()).doesNotContain(" ERROR ").contains("did not reach every replica");
	}

	@Test
	void aReplicaThatHangsIsNamedUnreachableWithinTheTotalWaitWhileTheOthersTakeTheAction() throws Exception {
		servers[0].stubFor(put(urlEqualTo("/chaos/scenarios/hang"))
			.willReturn(okJson(StubBackend.CHAOS_OUTAGE).withFixedDelay((int) Duration.ofSeconds(20).toMillis())));

		long start = System.nanoTime();
		Answer answer = send("/dashboard/chaos/hang", true);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode outcomes = answer.json().get("outcomes");
		assertThat(outcomes.findValuesAsText("result")).containsExactly("unreachable", "applied", "applied");
		assertThat(outcomes.get(0).get("problem").asText()).startsWith("chaos API not reachable");
		// Loose: the bound the code promises, plus room for a busy machine.
		assertThat(elapsed).isLessThan(BackendChaos.TOTAL_WAIT.plusSeconds(3));
	}

	@Test
	void aReplicaWhoseChaosApiSaysNoIsNamedAsRefused() throws Exception {
		servers[0].stubFor(put(urlEqualTo("/chaos/scenarios/hang")).willReturn(aResponse().withStatus(401)));

		Answer answer = send("/dashboard/chaos/hang", true);

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode outcomes = answer.json().get("outcomes");
		assertThat(outcomes.findValuesAsText("result")).containsExactly("refused", "applied", "applied");
		assertThat(outcomes.get(0).get("problem").asText()).contains("faultline.backend.chaos-token");
	}

	@Test
	void noReplicaTakingTheActionIsA502ProblemNamingEachOne() throws Exception {
		for (WireMockServer server : servers) {
			server.stubFor(put(urlEqualTo("/chaos/scenarios/slow")).willReturn(aResponse().withStatus(500)));
		}

		Answer answer = send("/dashboard/chaos/slow", true);

		assertThat(answer.status()).isEqualTo(502);
		assertThat(answer.contentType()).isEqualTo("application/problem+json");
		assertThat(answer.body()).contains("chaos-unavailable")
			.contains(target(0) + " refused")
			.contains(target(1) + " refused")
			.contains(target(2) + " refused");
	}

	@Test
	void anUnknownTargetIsA400ProblemNamingTheFieldAndTheRuleAndNoReplicaHearsOfIt() throws Exception {
		Answer answer = send("/dashboard/chaos/outage?target=backend-9", true);

		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.contentType()).isEqualTo("application/problem+json");
		JsonNode error = answer.json().get("errors").get(0);
		assertThat(error.get("field").asText()).isEqualTo("target");
		assertThat(error.get("rule").asText()).isEqualTo("allowed-values");
		assertThat(error.get("message").asText()).contains("all").contains(target(0)).contains(target(2));
		for (WireMockServer server : servers) {
			// This button's request only: the hang test's 20 s PUT is journalled when
			// answered, which can be during a later test.
			server.verify(0, anyRequestedFor(urlEqualTo("/chaos/scenarios/outage")));
		}
	}

	@Test
	void aChaosButtonForOneReplicaWithoutTheCsrfTokenIsRefusedBeforeAnyReplicaHearsOfIt() throws Exception {
		Answer answer = send("/dashboard/chaos/outage?target=" + target(0), false);

		assertThat(answer.status()).isEqualTo(403);
		for (WireMockServer server : servers) {
			// This button's request only: the hang test's 20 s PUT is journalled when
			// answered, which can be during a later test.
			server.verify(0, anyRequestedFor(urlEqualTo("/chaos/scenarios/outage")));
		}
	}

	@Test
	void theChaosStateShowsWhatIsActiveAtEachReplicaOrThatItIsUnreachable() {
		servers[0].stubFor(get(urlEqualTo("/chaos")).willReturn(okJson(StubBackend.CHAOS_OUTAGE)));
		servers[2].stop();

		JsonNode targets = this.rest.getForObject("/dashboard/chaos", JsonNode.class).get("targets");

		assertThat(targets.findValuesAsText("target")).containsExactly(target(0), target(1), target(2));
		assertThat(targets.get(0).get("reachable").asBoolean()).isTrue();
		assertThat(targets.get(0).get("faults").get(0).get("fault").asText()).isEqualTo("down");
		assertThat(targets.get(1).get("reachable").asBoolean()).isTrue();
		assertThat(targets.get(1).get("faults")).isEmpty();
		assertThat(targets.get(2).get("reachable").asBoolean()).isFalse();
		assertThat(targets.get(2).get("problem").asText()).startsWith("chaos API not reachable");
	}

	@Test
	void theSnapshotShowsEachReplicaAndWhichAnsweredTheReads() throws Exception {
		for (int i = 0; i < 3 * REPLICAS; i++) {
			feed(ProtectionLevel.FULL);
		}

		JsonNode replicas = snapshot().get("backendReplicas");

		assertThat(replicas.findValuesAsText("replica")).containsExactly(id(0), id(1), id(2));
		assertThat(replicas.findValuesAsText("rotation")).containsOnly("in rotation");
		int answered = 0;
		for (JsonNode replica : replicas) {
			assertThat(replica.get("answered").asInt()).as(replica.toString()).isPositive();
			assertThat(replica.get("calls").asInt()).as(replica.toString()).isPositive();
			assertThat(replica.get("windowSeconds").asInt()).isPositive();
			answered += replica.get("answered").asInt();
		}
		assertThat(answered).isGreaterThanOrEqualTo(3 * REPLICAS);
	}

	@Test
	void theSnapshotShowsAReplicaEjectedWhenItFailsAndTheOthersInRotation() throws Exception {
		servers[1].stop();

		await().atMost(PATIENCE).until(() -> {
			feed(ProtectionLevel.FULL);
			return !"in rotation".equals(snapshot().get("backendReplicas").get(1).get("rotation").asText());
		});

		JsonNode replicas = snapshot().get("backendReplicas");
		assertThat(replicas.get(1).get("rotation").asText()).isIn("ejected", "trial");
		assertThat(replicas.get(1).get("failures").asInt()).isPositive();
		assertThat(replicas.get(0).get("rotation").asText()).isEqualTo("in rotation");
		assertThat(replicas.get(2).get("rotation").asText()).isEqualTo("in rotation");
		assertThat(this.breakers.circuitBreaker(ReplicaEjection.breakerName(replica(1))).getState().name())
			.isEqualTo(replicas.get(1).get("breaker").asText());
	}

	private void feed(ProtectionLevel level) {
		this.rest.getForEntity("/api/feed?level={level}", String.class, level.id());
	}

	/** The first snapshot a new dashboard stream sends (right after its history). */
	private JsonNode snapshot() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/dashboard/stream?level=full"))
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<Stream<String>> response = TestHttp.toPort(this.port)
			.client()
			.send(request, HttpResponse.BodyHandlers.ofLines());
		try (Stream<String> lines = response.body()) {
			// Off the test thread, so a stream that never sends one fails the test in
			// time.
			return CompletableFuture
				.supplyAsync(() -> lines.dropWhile((line) -> !line.equals("event:snapshot"))
					.filter((line) -> line.startsWith("data:"))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException("The stream ended before a snapshot")))
				.thenApply((data) -> parse(data.substring("data:".length())))
				.get(15, TimeUnit.SECONDS);
		}
	}

	private Answer send(String path, boolean withToken) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.POST, path);
		if (withToken) {
			request.with(csrf().asHeader());
		}
		MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
		return new Answer(response.getStatus(), response.getContentType(),
				response.getContentAsString(StandardCharsets.UTF_8));
	}

	private static JsonNode parse(String text) {
		try {
			return json.readTree(text);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Not JSON: " + text, ex);
		}
	}

	/**
	 * A replica's name on the chaos panel (all are on localhost, so with their port),
	 * which here is also its name on the replica panel: one server is both its API and
	 * its management port.
	 */
	private static String target(int index) {
		return "localhost:" + ports[index];
	}

	private static String id(int index) {
		return target(index);
	}

	private static Replica replica(int index) {
		return Replica.at(URI.create("http://localhost:" + ports[index]));
	}

	/**
	 * What a control answered.
	 *
	 * @param status the HTTP status
	 * @param contentType the media type, if any
	 * @param body the body as text
	 */
	private record Answer(int status, String contentType, String body) {

		JsonNode json() {
			return parse(this.body);
		}

	}

}
