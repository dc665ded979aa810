package dev.faultline.ui.shared;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.faultline.testsupport.RedisServer;
import dev.faultline.testsupport.TestHttp;
import dev.faultline.ui.UiApplication;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.testsupport.Deadlines;
import dev.faultline.ui.testsupport.ResilienceState;
import dev.faultline.ui.testsupport.StubBackend;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two UI replicas and one real {@code redis-server}: a breaker that opens on one opens on
 * the other with no backend call of its own, healing follows too, and Redis paused or
 * stopped changes no answer beyond the deadline while each replica carries on alone,
 * until sharing resumes by itself. The follow times are printed: bounds here, figures in
 * the closing note.
 */
class SharedBreakerIT {

	private static final WireMockServer backend = StubBackend.server();

	/** Generous for a loaded 2-core machine; the follow itself takes milliseconds. */
	private static final Duration FOLLOW_BOUND = Duration.ofSeconds(3);

	private static RedisServer redis;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	/** When each replica's full breaker last changed state, by System.nanoTime. */
	private static final Map<String, AtomicLong> transitionedAt = new ConcurrentHashMap<>();

	@BeforeAll
	static void startRedisAndTwoReplicas() {
		redis = RedisServer.startOrSkip(SharedBreakerIT.class);
		first = replica("ui-a");
		second = replica("ui-b");
		for (ConfigurableApplicationContext replica : List.of(first, second)) {
			AtomicLong at = transitionedAt.computeIfAbsent(name(replica), (key) -> new AtomicLong());
			breaker(replica).getEventPublisher().onStateTransition((event) -> at.set(System.nanoTime()));
		}
	}

	@AfterAll
	static void stopEverything() {
		if (first != null) {
			first.close();
		}
		if (second != null) {
			second.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@BeforeEach
	void healthyBackendAndClosedBreakers() {
		backend.resetAll();
		ResilienceState.reset(first);
		ResilienceState.reset(second);
		awaitLink(first, "connected");
		awaitLink(second, "connected");
	}

	@Test
	void aBreakerThatOpensOnOneReplicaOpensOnTheOtherWithoutABackendCallOfItsOwn() {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(503)));

		openByReading(first);
		awaitState(second, State.OPEN);

		Duration follow = followTime();
		System.out.printf("Shared breaker: ui-b followed ui-a to OPEN in %.1f ms%n", follow.toNanos() / 1e6);
		assertThat(follow).isLessThan(FOLLOW_BOUND);
		assertThat(breaker(second).getMetrics().getNumberOfBufferedCalls()).isZero();
		assertThat(breaker(second).getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void whenOneReplicaHealsTheOtherTriesTheBackendAgainAtOnce() {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(503)));
		openByReading(first);
		awaitState(second, State.OPEN);
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("back")));

		// ui-a's wait ends (the test ends it at once); one successful trial read closes
		// it, while ui-b's own 5 s wait is far from over.
		breaker(first).transitionToHalfOpenState();
		assertThat(read(first).path("source").asText()).isEqualTo("live");
		assertThat(breaker(first).getState()).isEqualTo(State.CLOSED);
		awaitState(second, State.HALF_OPEN);

		Duration follow = followTime();
		System.out.printf("Shared breaker: ui-b followed ui-a's recovery in %.1f ms%n", follow.toNanos() / 1e6);
		assertThat(follow).isLessThan(FOLLOW_BOUND);
		assertThat(read(second).path("source").asText()).isEqualTo("live");
		assertThat(breaker(second).getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void redisPausedOrStoppedChangesNoAnswerBeyondTheDeadlineAndSharingResumesByItself() {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(503)));
		redis.pause();
		try {
			long slowestMs = openByReading(first);
			System.out.printf("Redis paused: slowest read on ui-a %d ms%n", slowestMs);
			assertThat(Duration.ofMillis(slowestMs)).isLessThan(answerBound());
			awaitLink(first, "local only");
			assertThat(breaker(second).getState()).isEqualTo(State.CLOSED);
			assertThat(health(first).path("status").asText()).isEqualTo("UP");
		}
		finally {
			redis.resume();
		}
		awaitLink(first, "connected");
		awaitLink(second, "connected");
		// ui-a's verdict from the pause may still arrive once Redis runs again (under a
		// second old, so it counts): start the next part from closed breakers.
		ResilienceState.reset(second);

		redis.stop();
		ResilienceState.reset(first);
		long slowestMs = openByReading(first);
		System.out.printf("Redis stopped: slowest read on ui-a %d ms%n", slowestMs);
		assertThat(Duration.ofMillis(slowestMs)).isLessThan(answerBound());
		awaitLink(first, "local only");
		assertThat(breaker(second).getState()).isEqualTo(State.CLOSED);

		redis.restart();
		awaitLink(first, "connected");
		awaitLink(second, "connected");
		ResilienceState.reset(first);
		ResilienceState.reset(second);
		openByReading(first);
		awaitState(second, State.OPEN);
		System.out.printf("Shared breaker after Redis restarted: ui-b followed in %.1f ms%n",
				followTime().toNanos() / 1e6);
	}

	private static ConfigurableApplicationContext replica(String name) {
		return new SpringApplicationBuilder(UiApplication.class).profiles("test")
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
					"--faultline.backend.base-url=" + backend.baseUrl(), "--faultline.shared.enabled=true",
					"--faultline.shared.replica-id=" + name, "--spring.data.redis.host=127.0.0.1",
					"--spring.data.redis.port=" + redis.port(),
					// Longer than the 1 s in application.yml, so that a replica's own
					// wait never ends in the middle of a test: every follow seen here
					// came through Redis.
					"--resilience4j.circuitbreaker.configs.default.waitDurationInOpenState=5s");
	}

	/**
	 * Reads the feed at level full until its breaker opens (bounded), returning the
	 * slowest answer's time in ms.
	 */
	private static long openByReading(ConfigurableApplicationContext replica) {
		long slowest = 0;
		for (int i = 0; i < 20 && breaker(replica).getState() != State.OPEN; i++) {
			long start = System.nanoTime();
			read(replica);
			slowest = Math.max(slowest, Duration.ofNanos(System.nanoTime() - start).toMillis());
		}
		assertThat(breaker(replica).getState()).isEqualTo(State.OPEN);
		return slowest;
	}

	private static JsonNode read(ConfigurableApplicationContext replica) {
		return json(http(replica).get("/api/feed?level=full", "Accept", "application/json").body());
	}

	private static JsonNode health(ConfigurableApplicationContext replica) {
		return json(http(replica).get("/actuator/health", "Accept", "application/json").body());
	}

	/** From ui-a's last transition to ui-b's. */
	private static Duration followTime() {
		return Duration.ofNanos(transitionedAt.get("ui-b").get() - transitionedAt.get("ui-a").get());
	}

	private static long awaitState(ConfigurableApplicationContext replica, State... states) {
		long start = System.nanoTime();
		until(() -> java.util.Arrays.asList(states).contains(breaker(replica).getState()), Duration.ofSeconds(10),
				"breaker of " + name(replica) + " in " + java.util.Arrays.toString(states));
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	private static void awaitLink(ConfigurableApplicationContext replica, String link) {
		until(() -> link.equals(replica.getBean(SharedLink.class).status().label()), Duration.ofSeconds(15),
				"link of " + name(replica) + " " + link);
	}

	private static void until(BooleanSupplier condition, Duration within, String what) {
		await(what).atMost(within).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
	}

	private static CircuitBreaker breaker(ConfigurableApplicationContext replica) {
		return replica.getBean(CircuitBreakerRegistry.class).circuitBreaker(ProtectionLevel.FULL.id());
	}

	private static TestHttp http(ConfigurableApplicationContext replica) {
		return TestHttp.toPort(((WebServerApplicationContext) replica).getWebServer().getPort());
	}

	private static String name(ConfigurableApplicationContext replica) {
		return replica.getBean(SharedProperties.class).replicaId();
	}

	private static JsonNode json(String text) {
		try {
			return new ObjectMapper().readTree(text);
		}
		catch (java.io.IOException ex) {
			throw new AssertionError("Not JSON: " + text, ex);
		}
	}

	/** Answers are bounded at twice the deadline of a read at level full on ui-a. */
	private static Duration answerBound() {
		return Deadlines.twiceOf(first, ProtectionLevel.FULL);
	}

}
