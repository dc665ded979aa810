package dev.faultline.ui.resilience;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import dev.faultline.ui.backend.FailureReason;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.Levels;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The last-known-good cache: filled by a success, served on a later failure with its age
 * and the reason, and a friendly "unavailable" page (200, never 500) when nothing is
 * cached.
 */
class FallbackIntegrationTests extends AbstractUiIntegrationTests {

	@Autowired
	private MessageClients clients;

	@Autowired
	private BackendCalls calls;

	@Test
	void successFillsTheCacheAndALaterFailureServesItWithAgeAndReason() {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("newest", "older")));
		assertThat(feed(ProtectionLevel.FALLBACK).source()).isEqualTo("live");
		Instant storedAt = this.lastKnownGood.recall(20).orElseThrow().storedAt();
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(500)));

		FeedJson feed = feed(ProtectionLevel.FALLBACK);

		assertThat(feed.source()).isEqualTo("cache");
		assertThat(feed.reason()).isEqualTo("backend error");
		// The age itself, to the millisecond, is LastKnownGoodTests' on a moved clock.
		assertThat(feed.ageMs()).isBetween(0L, Duration.between(storedAt, Instant.now()).toMillis());
		assertThat(feed.messages()).extracting((message) -> message.get("text")).containsExactly("newest", "older");
	}

	@Test
	void openBreakerServesTheCacheWithReasonCircuitOpen() {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("cached")));
		feed(ProtectionLevel.FULL);
		breaker(ProtectionLevel.FULL).transitionToOpenState();

		FeedJson feed = feed(ProtectionLevel.FULL);

		assertThat(feed.source()).isEqualTo("cache");
		assertThat(feed.reason()).isEqualTo("circuit open");
		assertThat(feed.backendCalls()).isZero();
	}

	@Test
	void withoutCacheThePageIsDegradedButNeverAnError() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(500)));

		HttpResponse<String> page = this.ui.get("/?level=fallback");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("source-none").contains("Unavailable (backend error)");
		FeedJson feed = feed(ProtectionLevel.FALLBACK);
		assertThat(feed.source()).isEqualTo("none");
		assertThat(feed.messages()).isEmpty();
	}

	/**
	 * A fallback with the wrong signature is only logged by Resilience4j: prove each one
	 * really answers.
	 */
	@ParameterizedTest
	@MethodSource("levelsWithAFallback")
	void fallbackMethodIsReallyInvoked(ProtectionLevel level) throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(500)));

		Delivery delivery;
		try (BackendCall call = this.calls.open(level)) {
			delivery = this.clients.at(level).newest(20, call).get();
		}

		assertThat(delivery.source()).isEqualTo(Source.NONE);
		assertThat(delivery.reason()).isEqualTo(FailureReason.BACKEND_ERROR);
	}

	static Stream<ProtectionLevel> levelsWithAFallback() {
		return Levels.using(ResiliencePattern.FALLBACK);
	}

}
