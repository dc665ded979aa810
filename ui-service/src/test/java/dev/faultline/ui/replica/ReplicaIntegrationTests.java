package dev.faultline.ui.replica;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.faultline.ui.backend.BackendServerException;
import dev.faultline.ui.backend.MessagesBackend;
import dev.faultline.ui.backend.NewMessage;
import dev.faultline.ui.backend.Replica;
import dev.faultline.ui.replica.ReplicaState.Status;
import dev.faultline.ui.resilience.BackendCall;
import dev.faultline.ui.resilience.BackendCalls;
import dev.faultline.ui.resilience.MessageClients;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.ResilienceState;
import dev.faultline.ui.testsupport.StubBackend;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The UI against three backend replicas, three WireMock servers on random ports, over
 * real HTTP: reads spread round robin; a replica that refuses connections or answers 500
 * is ejected while level {@code full} keeps answering live; a retry goes to another
 * replica; an ejected replica comes back by itself once it heals; with every replica out
 * the reads still go somewhere; and level {@code none}, which rotates without ejection or
 * retry, loses about a third of its reads to one dead replica. Bounds are loose on
 * purpose: the suite runs on a busy two-core machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReplicaIntegrationTests {

	private static final int REPLICAS = 3;

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final WireMockServer[] servers = new WireMockServer[REPLICAS];

	private static final int[] ports = new int[REPLICAS];

	private static boolean warmedUp;

	static {
		for (int i = 0; i < REPLICAS; i++) {
			servers[i] = StubBackend.startOn(0);
			ports[i] = servers[i].port();
		}
	}

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private ReplicaEjection ejection;

	@Autowired
	private MessageClients clients;

	@Autowired
	private BackendCalls calls;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void pointAtThreeReplicas(DynamicPropertyRegistry registry) {
		registry.add("faultline.backend.replicas",
				() -> List.of(servers).stream().map(WireMockServer::baseUrl).collect(Collectors.joining(",")));
	}

	@BeforeEach
	void healEveryReplica() {
		boolean restarted = false;
		for (int i = 0; i < REPLICAS; i++) {
			if (!servers[i].isRunning()) {
				servers[i] = StubBackend.startOn(ports[i]);
				restarted = true;
			}
			servers[i].resetAll();
			servers[i].stubFor(StubBackend.messageList().willReturn(StubBackend.messages("from replica " + i)));
		}
		if (!warmedUp || restarted) {
			// The first calls of a fresh JVM pay for class loading and JIT; after a
			// restart, pooled connections to the stopped server fail once each, here
			// rather than in the test.
			for (int i = 0; i < 2 * REPLICAS; i++) {
				for (ProtectionLevel level : ProtectionLevel.values()) {
					this.rest.getForEntity("/api/feed?level={level}", String.class, level.id());
				}
			}
			warmedUp = true;
		}
		ResilienceState.reset(this.context);
		for (WireMockServer server : servers) {
			server.resetRequests();
		}
	}

	@Test
	void readsAreSpreadRoundRobinOverTheThreeReplicas() {
		List<String> answeredBy = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			FeedJson feed = feed(ProtectionLevel.FULL);
			assertThat(feed.source()).isEqualTo("live");
			answeredBy.add(feed.replica());
		}

		assertThat(answeredBy).containsOnly(id(0), id(1), id(2));
		for (WireMockServer server : servers) {
			assertThat(requestsTo(server)).isBetween(5, 15);
		}
	}

	@Test
	void aReplicaThatRefusesConnectionsIsEjectedAndLevelFullKeepsAnsweringLive() {
		servers[1].stop();

		List<String> sources = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			sources.add(feed(ProtectionLevel.FULL).source());
		}

		assertThat(sources.subList(5, sources.size())).containsOnly("live");
		assertThat(sources).filteredOn((source) -> !source.equals("live")).hasSizeLessThanOrEqualTo(2);
		assertThat(state(1).rotation()).isIn(Status.EJECTED, Status.TRIAL);
		assertThat(state(0).rotation()).isEqualTo(Status.IN_ROTATION);
		assertThat(state(2).rotation()).isEqualTo(Status.IN_ROTATION);
	}

	@Test
	void aReplicaAnswering500IsEjectedAndLevelFullKeepsAnsweringLive() {
		servers[0].stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(500)));

		List<String> sources = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			FeedJson feed = feed(ProtectionLevel.FULL);
			sources.add(feed.source());
			assertThat(feed.replica()).isNotEqualTo(id(0));
		}

		assertThat(sources.subList(5, sources.size())).containsOnly("live");
		assertThat(state(0).rotation()).isIn(Status.EJECTED, Status.TRIAL);
		assertThat(requestsTo(servers[0])).as("first attempts before the ejection, then trial calls only")
			.isLessThan(requestsTo(servers[1]));
	}

	@Test
	void eachRetryOfAReadGoesToAReplicaNotTriedYet() {
		for (WireMockServer server : servers) {
			server.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(503)));
		}

		FeedJson feed = feed(ProtectionLevel.RETRY);

		assertThat(feed.backendCalls()).isEqualTo(3);
		for (WireMockServer server : servers) {
			assertThat(requestsTo(server)).as("requests to " + server.baseUrl()).isEqualTo(1);
		}
	}

	@Test
	void aRetryLandsOnAnotherReplicaThanTheOneThatFailed() {
		servers[2].stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(503)));

		int retried = 0;
		for (int i = 0; i < 6; i++) {
			FeedJson feed = feed(ProtectionLevel.RETRY);
			assertThat(feed.source()).isEqualTo("live");
			assertThat(feed.replica()).isNotEqualTo(id(2));
			if (feed.backendCalls() == 2) {
				retried++;
			}
		}

		assertThat(retried).isPositive().isEqualTo(requestsTo(servers[2]));
	}

	@Test
	void aPostWithItsIdempotencyKeyIsRetriedOnOtherReplicasAndOneWithoutIsNot() throws Exception {
		for (WireMockServer server : servers) {
			server.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).willReturn(aResponse().withStatus(503)));
		}

		try (BackendCall call = this.calls.open(ProtectionLevel.RETRY)) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> this.clients.at(ProtectionLevel.RETRY)
					.create(new NewMessage("Ada", "Hello"), "key-7", call)
					.get())
				.withCauseInstanceOf(BackendServerException.class);
		}
		for (WireMockServer server : servers) {
			assertThat(server.findAll(postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES))
				.withHeader(MessagesBackend.IDEMPOTENCY_KEY, equalTo("key-7")))).hasSize(1);
			server.resetRequests();
		}

		try (BackendCall call = this.calls.open(ProtectionLevel.RETRY)) {
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> this.clients.at(ProtectionLevel.RETRY)
				.create(new NewMessage("Ada", "Hello"), null, call)
				.get());
		}
		assertThat(List.of(servers).stream().mapToInt(ReplicaIntegrationTests::requestsTo).sum()).isEqualTo(1);
	}

	@Test
	void anEjectedReplicaComesBackByItselfOnceItHeals() {
		servers[2].stop();
		await().atMost(PATIENCE).until(() -> {
			feed(ProtectionLevel.FULL);
			return state(2).rotation() == Status.EJECTED;
		});

		servers[2] = StubBackend.startOn(ports[2]);
		servers[2].stubFor(StubBackend.messageList().willReturn(StubBackend.messages("healed")));

		// Without a single read: an open breaker that nothing calls must turn half-open
		// by
		// itself, or an ejected replica would stay out for good.
		await().atMost(PATIENCE).until(() -> breaker(2).getState() == CircuitBreaker.State.HALF_OPEN);
		await().atMost(PATIENCE).until(() -> id(2).equals(feed(ProtectionLevel.FULL).replica()));
		assertThat(state(2).rotation()).isEqualTo(Status.IN_ROTATION);
	}

	@Test
	void withEveryReplicaOutReadsStillGoToOne() {
		for (int i = 0; i < REPLICAS; i++) {
			breaker(i).transitionToOpenState();
		}

		FeedJson feed = feed(ProtectionLevel.TIMEOUT);

		assertThat(feed.source()).isEqualTo("live");
		assertThat(feed.backendCalls()).isEqualTo(1);
		assertThat(feed.replica()).isIn(id(0), id(1), id(2));
	}

	@Test
	void levelNoneLosesAboutAThirdOfItsReadsToOneDeadReplica() {
		servers[1].stop();

		int reads = 60;
		int failed = 0;
		for (int i = 0; i < reads; i++) {
			ResponseEntity<String> response = this.rest.getForEntity("/api/feed?level=none", String.class);
			if (response.getStatusCode().value() != 200) {
				failed++;
			}
		}

		assertThat(failed).as("failed reads of %d", reads).isBetween(reads * 15 / 100, reads * 50 / 100);
	}

	@Test
	void theFeedNamesNoReplicaWhenItServesTheCache() {
		assertThat(feed(ProtectionLevel.FULL).replica())
			.isIn(IntStream.range(0, REPLICAS).mapToObj(ReplicaIntegrationTests::id).toList());
		for (WireMockServer server : servers) {
			server.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(503)));
		}

		FeedJson feed = feed(ProtectionLevel.FULL);

		assertThat(feed.source()).isEqualTo("cache");
		assertThat(feed.replica()).isNull();
	}

	@Test
	void healthShowsEachReplicaInRotationOrEjected() {
		breaker(1).transitionToForcedOpenState();

		JsonNode replicas = this.rest.getForObject("/actuator/health", JsonNode.class)
			.get("components")
			.get("replicas");

		assertThat(replicas.get("status").asText()).isEqualTo("UP");
		assertThat(replicas.get("details").get(id(0)).get("rotation").asText()).isEqualTo("in rotation");
		assertThat(replicas.get("details").get(id(1)).get("rotation").asText()).isEqualTo("ejected");
		assertThat(replicas.get("details").get(id(1)).get("breaker").asText()).isEqualTo("FORCED_OPEN");
	}

	private FeedJson feed(ProtectionLevel level) {
		ResponseEntity<FeedJson> response = this.rest.getForEntity("/api/feed?level={level}", FeedJson.class,
				level.id());
		assertThat(response.getStatusCode().value()).as("feed status").isEqualTo(200);
		return response.getBody();
	}

	private ReplicaState state(int index) {
		return this.ejection.states().get(index);
	}

	private CircuitBreaker breaker(int index) {
		return this.ejection.breaker(replica(index));
	}

	private static Replica replica(int index) {
		return Replica.at(URI.create("http://localhost:" + ports[index]));
	}

	private static String id(int index) {
		return "localhost:" + ports[index];
	}

	private static int requestsTo(WireMockServer server) {
		return server.findAll(anyRequestedFor(anyUrl())).size();
	}

}
