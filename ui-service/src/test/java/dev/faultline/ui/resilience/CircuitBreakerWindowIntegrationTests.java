package dev.faultline.ui.resilience;

import java.time.Duration;

import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.StubBackend;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The breaker judges recent calls only: failures older than its window never open it
 * against a backend that is healthy now. With a count-based window of 10, three failures
 * from minutes ago plus two fresh successes made 60% failures and opened it. The window
 * is shortened to 2 s here so the test waits as little as it can, and so is the age after
 * which a failure no longer counts towards a run of failures.
 */
@TestPropertySource(properties = { "resilience4j.circuitbreaker.configs.default.slidingWindowSize=2",
		"faultline.consecutive-failures.max-age=2s" })
class CircuitBreakerWindowIntegrationTests extends AbstractUiIntegrationTests {

	private static final ProtectionLevel LEVEL = ProtectionLevel.CIRCUIT_BREAKER;

	@Autowired
	private ConsecutiveFailuresProperties consecutiveFailures;

	@Autowired
	private ConsecutiveFailuresTrip trip;

	@Test
	void windowIsTimeBased() {
		assertThat(breaker(LEVEL).getCircuitBreakerConfig().getSlidingWindowType())
			.isEqualTo(CircuitBreakerConfig.SlidingWindowType.TIME_BASED);
	}

	@Test
	void failuresOlderThanTheWindowNeverOpenTheBreaker() {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(500)));
		// One user request, three failed attempts: fewer than the 5 calls a verdict
		// needs.
		assertThat(feed(LEVEL).backendCalls()).isEqualTo(3);
		assertThat(breaker(LEVEL).getMetrics().getNumberOfFailedCalls()).isEqualTo(3);

		await().atMost(Duration.ofSeconds(10)).until(() -> breaker(LEVEL).getMetrics().getNumberOfBufferedCalls() == 0);
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("healthy now")));
		for (int i = 0; i < 2; i++) {
			assertThat(feed(LEVEL).source()).isEqualTo("live");
		}

		assertThat(breaker(LEVEL).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker(LEVEL).getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void failuresOlderThanTheWindowNeverJoinAFreshOneToMakeARun() {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(500)));
		// Without retry tokens each read is one failure: one short of a run.
		while (this.retryBudget.tryRetry(LEVEL)) {
			// Empty the bucket.
		}
		int threshold = this.consecutiveFailures.threshold();
		for (int i = 0; i < threshold - 1; i++) {
			assertThat(feed(LEVEL).backendCalls()).isEqualTo(1);
		}
		assertThat(this.trip.failuresInARow(LEVEL)).isEqualTo(threshold - 1);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.trip.failuresInARow(LEVEL) == 0);
		assertThat(feed(LEVEL).backendCalls()).isEqualTo(1);
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("healthy now")));
		assertThat(feed(LEVEL).source()).isEqualTo("live");

		assertThat(breaker(LEVEL).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

}
