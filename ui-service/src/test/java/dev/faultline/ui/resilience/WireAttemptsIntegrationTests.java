package dev.faultline.ui.resilience;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.http.ResponseEntity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes on the wire is what the feed counts: the HTTP client never repeats a request
 * on its own (the JDK client silently re-sent a GET whose connection closed before the
 * first response byte), so {@code backendCalls} equals the requests the backend received,
 * level {@code none} is one attempt, and the retry budget bounds the load.
 */
class WireAttemptsIntegrationTests extends AbstractUiIntegrationTests {

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "EMPTY_RESPONSE", "CONNECTION_RESET_BY_PEER" })
	void abortedConnectionIsExactlyOneAttemptAtLevelNone(Fault fault) {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withFault(fault)));

		ResponseEntity<String> response = this.rest.getForEntity("/api/feed?level=none", String.class);

		assertThat(response.getStatusCode().value()).isEqualTo(502);
		assertThat(response.getBody()).contains("\"reason\":\"backend error\"");
		assertThat(requestsToBackend()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(value = ProtectionLevel.class, names = { "TIMEOUT", "RETRY", "FULL" })
	void backendCallsEqualTheRequestsTheBackendReceivedWhenEveryThirdConnectionIsAborted(ProtectionLevel level) {
		abortEveryThirdConnection();

		int counted = 0;
		for (int i = 0; i < 12; i++) {
			counted += feed(level).backendCalls();
		}

		assertThat(counted).isEqualTo(requestsToBackend()).isGreaterThanOrEqualTo(12);
	}

	@Test
	void retriesOfAnAbortedConnectionAreCountedOneByOne() {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

		FeedJson feed = feed(ProtectionLevel.RETRY);

		assertThat(feed.source()).isEqualTo("none");
		assertThat(feed.backendCalls()).isEqualTo(3);
		assertThat(requestsToBackend()).isEqualTo(3);
	}

	/** Connections 1, 4, 7... close without a byte; the others answer. */
	private static void abortEveryThirdConnection() {
		backend.stubFor(StubBackend.messageList()
			.inScenario("aborts")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE))
			.willSetStateTo("answer"));
		backend.stubFor(StubBackend.messageList()
			.inScenario("aborts")
			.whenScenarioStateIs("answer")
			.willReturn(StubBackend.messages("one"))
			.willSetStateTo("answer again"));
		backend.stubFor(StubBackend.messageList()
			.inScenario("aborts")
			.whenScenarioStateIs("answer again")
			.willReturn(StubBackend.messages("two"))
			.willSetStateTo(Scenario.STARTED));
	}

	private static int requestsToBackend() {
		return backend.findAll(getRequestedFor(urlPathEqualTo(StubBackend.MESSAGES))).size();
	}

}
