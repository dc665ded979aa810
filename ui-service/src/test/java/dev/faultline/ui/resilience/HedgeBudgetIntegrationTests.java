package dev.faultline.ui.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.faultline.ui.replica.ReplicaEjection;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.ResilienceState;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.AfterAll;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hedged reads when every replica is slow, which is the backend as a whole being slow:
 * hedging cannot help, so it must not add more than its budget allows, never more than
 * one extra call per read, and a hedge that loses to its first attempt counts against no
 * replica. Three WireMock replicas answer after a delay three times the hedge delay.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "faultline.hedge.delay=100ms")
@ActiveProfiles("test")
class HedgeBudgetIntegrationTests {

	private static final int READS = 20;

	private static final List<WireMockServer> replicas = Stream.generate(() -> StubBackend.startOn(0))
		.limit(3)
		.toList();

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private Hedging hedging;

	@Autowired
	private HedgeProperties properties;

	@Autowired
	private ReplicaEjection ejection;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void pointAtThreeReplicas(DynamicPropertyRegistry registry) {
		registry.add("faultline.backend.replicas",
				() -> replicas.stream().map(WireMockServer::baseUrl).collect(Collectors.joining(",")));
	}

	@AfterAll
	static void stopReplicas() {
		replicas.forEach(WireMockServer::stop);
	}

	@BeforeEach
	void everyReplicaIsSlow() {
		int slow = (int) this.hedging.delay().multipliedBy(3).toMillis();
		for (WireMockServer replica : replicas) {
			replica.resetAll();
			replica.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("slow").withFixedDelay(slow)));
		}
		ResilienceState.reset(this.context);
	}

	@Test
	void hedgesStayWithinTheirBudgetAndOnePerReadWhenTheWholeBackendIsSlow() {
		List<FeedJson> feeds = new ArrayList<>();
		for (int i = 0; i < READS; i++) {
			feeds.add(feed());
		}

		assertThat(feeds).allSatisfy((feed) -> {
			assertThat(feed.source()).isEqualTo("live");
			assertThat(feed.backendCalls()).isBetween(1, 2);
		});
		int hedges = feeds.stream().mapToInt((feed) -> feed.backendCalls() - 1).sum();
		assertThat(hedges).isPositive()
			.isLessThanOrEqualTo((int) (this.properties.budgetCapacity() + this.properties.budgetRatio() * READS));
	}

	@Test
	void aHedgeThatLosesToItsFirstAttemptCountsAgainstNoReplica() {
		for (int i = 0; i < 10; i++) {
			assertThat(feed().source()).isEqualTo("live");
		}

		assertThat(this.ejection.states()).allSatisfy((state) -> assertThat(state.failures()).isZero());
	}

	private FeedJson feed() {
		ResponseEntity<FeedJson> response = this.rest.getForEntity("/api/feed?level=full", FeedJson.class);
		assertThat(response.getStatusCode().value()).as("feed status").isEqualTo(200);
		return response.getBody();
	}

}
