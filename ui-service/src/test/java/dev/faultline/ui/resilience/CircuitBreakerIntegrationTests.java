package dev.faultline.ui.resilience;

import java.time.Duration;

import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.StubBackend;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The breaker opens after enough failures and then keeps calls away from the backend;
 * after the (test-shortened) open duration it half-opens by itself and successful trial
 * calls close it. Client errors never open it.
 */
class CircuitBreakerIntegrationTests extends AbstractUiIntegrationTests {

	private static final ProtectionLevel LEVEL = ProtectionLevel.CIRCUIT_BREAKER;

	@Test
	void opensAfterTheFailureThresholdAndThenCallsDoNotReachTheBackend() {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(500)));

		openByFailures();
		int requestsWhenOpened = requestsToBackend();
		for (int i = 0; i < 5; i++) {
			FeedJson feed = feed(LEVEL);
			assertThat(feed.reason()).isEqualTo("circuit open");
			assertThat(feed.backendCalls()).isZero();
		}

		assertThat(requestsToBackend()).isEqualTo(requestsWhenOpened);
	}

	@Test
	void halfOpensAfterTheOpenDurationAndSuccessfulTrialsCloseIt() {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(500)));
		openByFailures();
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("back again")));

		await().atMost(Duration.ofSeconds(10)).until(() -> breaker(LEVEL).getState() == CircuitBreaker.State.HALF_OPEN);
		int trials = breaker(LEVEL).getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState();
		for (int i = 0; i < trials; i++) {
			assertThat(feed(LEVEL).source()).isEqualTo("live");
		}

		assertThat(breaker(LEVEL).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void clientErrorsNeverOpenIt() {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(404)));

		for (int i = 0; i < 12; i++) {
			assertThat(feed(LEVEL).reason()).isEqualTo("backend error");
		}

		assertThat(breaker(LEVEL).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(requestsToBackend()).isEqualTo(12);
	}

	@Test
	void levelsNeverShareBreakerState() {
		breaker(ProtectionLevel.FULL).transitionToOpenState();
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("fine")));

		assertThat(feed(LEVEL).source()).isEqualTo("live");
		assertThat(feed(ProtectionLevel.FULL).reason()).isEqualTo("circuit open");
	}

	/**
	 * Failing calls until the breaker opens; each call makes up to 3 attempts, the
	 * breaker needs 5 failures.
	 */
	private void openByFailures() {
		for (int i = 0; i < 10 && breaker(LEVEL).getState() != CircuitBreaker.State.OPEN; i++) {
			feed(LEVEL);
		}
		assertThat(breaker(LEVEL).getState()).isEqualTo(CircuitBreaker.State.OPEN);
	}

	private static int requestsToBackend() {
		return backend.findAll(getRequestedFor(urlPathEqualTo(StubBackend.MESSAGES))).size();
	}

}
