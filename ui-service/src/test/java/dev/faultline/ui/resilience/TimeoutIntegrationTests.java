package dev.faultline.ui.resilience;

import java.time.Duration;

import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.Deadlines;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.StubBackend;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadline turns slow failures into fast ones: a response that never comes and a body
 * that trickles in one chunk at a time both end within the deadline, and the fallback
 * answers.
 */
class TimeoutIntegrationTests extends AbstractUiIntegrationTests {

	@Autowired
	private TimeLimiterRegistry timeLimiters;

	@Test
	void delayedResponseEndsWithinTheDeadlineAndServesTheCache() {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("cached")));
		assertThat(feed(ProtectionLevel.FALLBACK).source()).isEqualTo("live");
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("too late").withFixedDelay(10_000)));

		long start = System.nanoTime();
		FeedJson feed = feed(ProtectionLevel.FALLBACK);

		assertThat(elapsed(start)).isLessThan(twiceTheDeadline(ProtectionLevel.FALLBACK));
		assertThat(feed.source()).isEqualTo("cache");
		assertThat(feed.reason()).isEqualTo("timeout");
		assertThat(feed.messages()).extracting((message) -> message.get("text")).containsExactly("cached");
	}

	@Test
	void tricklingBodyEndsWithinTheDeadlineAndServesTheCache() {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("cached")));
		assertThat(feed(ProtectionLevel.FULL).source()).isEqualTo("live");
		// Every byte arrives well within a socket read timeout, but the whole body would
		// take 10 s.
		backend.stubFor(StubBackend.messageList()
			.willReturn(StubBackend.messages("trickled").withChunkedDribbleDelay(50, 10_000)));

		long start = System.nanoTime();
		FeedJson feed = feed(ProtectionLevel.FULL);

		assertThat(elapsed(start)).isLessThan(twiceTheDeadline(ProtectionLevel.FULL));
		assertThat(feed.source()).isEqualTo("cache");
		assertThat(feed.reason()).isEqualTo("timeout");
	}

	@Test
	void tricklingBodyCutByTheAttemptTimeoutIsReportedAsATimeout() {
		// Each chunk arrives well within a socket read timeout; the exchange as a whole
		// is cut at the read timeout.
		backend.stubFor(StubBackend.messageList()
			.willReturn(StubBackend.messages("trickled").withChunkedDribbleDelay(50, 10_000)));

		long start = System.nanoTime();
		FeedJson feed = feed(ProtectionLevel.TIMEOUT);

		assertThat(elapsed(start)).isLessThan(twiceTheDeadline(ProtectionLevel.TIMEOUT));
		assertThat(feed.source()).isEqualTo("none");
		assertThat(feed.reason()).isEqualTo("timeout");
		assertThat(feed.backendCalls()).isEqualTo(1);
	}

	@Test
	void timeoutLevelAnswersUnavailableWithinTheDeadline() {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));

		long start = System.nanoTime();
		FeedJson feed = feed(ProtectionLevel.TIMEOUT);

		assertThat(elapsed(start)).isLessThan(twiceTheDeadline(ProtectionLevel.TIMEOUT));
		assertThat(feed.source()).isEqualTo("none");
		assertThat(feed.reason()).isEqualTo("timeout");
		assertThat(feed.backendCalls()).isEqualTo(1);
	}

	private Duration twiceTheDeadline(ProtectionLevel level) {
		return Deadlines.twiceOf(this.timeLimiters, level);
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
