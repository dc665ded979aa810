package dev.faultline.ui.resilience;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.faultline.ui.backend.BackendProperties;
import dev.faultline.ui.backend.Replica;
import dev.faultline.ui.replica.ReplicaEjection;
import dev.faultline.ui.replica.ReplicaState;
import dev.faultline.ui.replica.ReplicaState.Status;
import dev.faultline.ui.testsupport.BlackHole;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.ResilienceState;
import dev.faultline.ui.testsupport.StubBackend;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
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
import static org.awaitility.Awaitility.await;

/**
 * Hedged reads against three replicas over real HTTP: one hangs (a {@link BlackHole}: it
 * takes the request and never answers, as a hanging or stopped backend does), two are
 * healthy WireMock servers. Level {@code full}'s reads that go to the hanging replica
 * first are answered by another replica after the hedge delay instead of the read
 * timeout, the hanging exchange is dropped at once, and the hedges that outran it eject
 * the hanging replica, while a replica's trial call, which decides whether it is back,
 * runs on to its own verdict. Bounds compare with the read timeout, never with a tight
 * time: the suite runs on a busy two-core machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "faultline.hedge.delay=100ms")
@ActiveProfiles("test")
class HedgedReadIntegrationTests {

	private static final BlackHole hanging = BlackHole.start();

	private static final WireMockServer first = StubBackend.startOn(0);

	private static final WireMockServer second = StubBackend.startOn(0);

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private ReplicaEjection ejection;

	@Autowired
	private Hedging hedging;

	@Autowired
	private BackendProperties backend;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void pointAtThreeReplicas(DynamicPropertyRegistry registry) {
		registry.add("faultline.backend.replicas",
				() -> String.join(",", hanging.baseUrl(), first.baseUrl(), second.baseUrl()));
	}

	@AfterAll
	static void stopReplicas() throws Exception {
		hanging.close();
		first.stop();
		second.stop();
	}

	@BeforeEach
	void healthyReplicasAnswer() {
		for (WireMockServer server : List.of(first, second)) {
			server.resetAll();
			server.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hedged")));
		}
		ResilienceState.reset(this.context);
	}

	@Test
	void aReadTheHangingReplicaHoldsIsAnsweredByAnotherReplicaLongBeforeTheReadTimeout() {
		List<FeedJson> feeds = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			feeds.add(feed("full"));
		}

		assertThat(feeds).allSatisfy((feed) -> {
			assertThat(feed.source()).isEqualTo("live");
			assertThat(feed.replica()).isNotEqualTo(hangingId());
			assertThat(feed.backendCalls()).isBetween(1, 2);
			assertThat(Duration.ofMillis(feed.elapsedMs())).isLessThan(this.backend.readTimeout());
		});
		assertThat(feeds).filteredOn((feed) -> feed.backendCalls() == 2).isNotEmpty();
		assertThat(hanging.accepted()).isPositive();
	}

	@Test
	void theExchangeTheHedgeOutranIsDroppedAtOnceNotAtTheReadTimeout() {
		int acceptedBefore = hanging.accepted();
		int closedBefore = hanging.closedAfter().size();
		for (int i = 0; i < 6 && hanging.accepted() == acceptedBefore; i++) {
			assertThat(feed("full").source()).isEqualTo("live");
		}
		assertThat(hanging.accepted()).as("reads sent to the hanging replica").isGreaterThan(acceptedBefore);

		await().atMost(this.backend.readTimeout().multipliedBy(5))
			.until(() -> hanging.closedAfter().size() > closedBefore);
		assertThat(hanging.closedAfter().subList(closedBefore, hanging.closedAfter().size()))
			.allSatisfy((held) -> assertThat(held).isLessThan(this.backend.readTimeout()));
	}

	@Test
	void theHedgesAHangingReplicaNeededTakeItOutOfRotation() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(feed("full").source()).isEqualTo("live");
			assertThat(state(hangingId()).rotation()).isEqualTo(Status.EJECTED);
		});
		assertThat(state(Replica.at(URI.create(first.baseUrl())).id()).rotation()).isEqualTo(Status.IN_ROTATION);
	}

	@Test
	void aLevelWithoutHedgingWaitsForTheHangingReplicaUntilItsReadTimeout() {
		FeedJson slowest = null;
		for (int i = 0; i < 3; i++) {
			FeedJson feed = feed("retry");
			if (slowest == null || feed.elapsedMs() > slowest.elapsedMs()) {
				slowest = feed;
			}
		}

		assertThat(Duration.ofMillis(slowest.elapsedMs())).isGreaterThanOrEqualTo(this.backend.readTimeout());
		assertThat(slowest.backendCalls()).isEqualTo(2);
	}

	@Test
	void aTrialCallOutrunByItsHedgeRunsOnAndBringsItsReplicaBackWhenItAnswers() {
		// The hanging replica stays out, so only the slow one's trial and the fast one
		// are
		// in play.
		breaker(hangingId()).transitionToForcedOpenState();
		second.stubFor(StubBackend.messageList()
			.willReturn(StubBackend.messages("slow but healthy")
				.withFixedDelay((int) this.hedging.delay().multipliedBy(3).toMillis())));
		String slow = Replica.at(URI.create(second.baseUrl())).id();
		CircuitBreaker trial = breaker(slow);
		trial.transitionToOpenState();
		trial.transitionToHalfOpenState();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(feed("full").source()).isEqualTo("live");
			assertThat(trial.getState()).isNotEqualTo(CircuitBreaker.State.HALF_OPEN);
		});
		assertThat(trial.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	private CircuitBreaker breaker(String replica) {
		return this.breakers.circuitBreaker(ReplicaEjection.breakerName(Replica.at(URI.create("http://" + replica))));
	}

	private ReplicaState state(String replica) {
		return this.ejection.states()
			.stream()
			.filter((state) -> state.replica().equals(replica))
			.findFirst()
			.orElseThrow();
	}

	private static String hangingId() {
		return Replica.at(URI.create(hanging.baseUrl())).id();
	}

	private FeedJson feed(String level) {
		ResponseEntity<FeedJson> response = this.rest.getForEntity("/api/feed?level={level}", FeedJson.class, level);
		assertThat(response.getStatusCode().value()).as("feed status").isEqualTo(200);
		return response.getBody();
	}

}
