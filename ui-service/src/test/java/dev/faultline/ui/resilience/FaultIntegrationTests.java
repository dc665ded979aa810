package dev.faultline.ui.resilience;

import java.util.Arrays;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every broken response WireMock can produce, on every level: the protected levels answer
 * 200 and say the data is unavailable and why; level {@code none} fails the way its users
 * would see it, a 502 problem (an error page in the browser), because nothing stands
 * between the failure and the user.
 */
class FaultIntegrationTests extends AbstractUiIntegrationTests {

	static Stream<Arguments> faultsAndLevels() {
		return Arrays.stream(Fault.values())
			.flatMap((fault) -> Arrays.stream(ProtectionLevel.values()).map((level) -> Arguments.of(fault, level)));
	}

	@ParameterizedTest(name = "{0} at {1}")
	@MethodSource("faultsAndLevels")
	void protectedLevelsAnswerAndNoneFailsVisibly(Fault fault, ProtectionLevel level) {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withFault(fault)));

		if (level == ProtectionLevel.NONE) {
			ResponseEntity<String> response = this.rest.getForEntity("/api/feed?level=none", String.class);
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody()).contains("\"reason\":\"backend error\"").doesNotContain("Exception");
		}
		else {
			FeedJson feed = feed(level);
			assertThat(feed.source()).isEqualTo("none");
			assertThat(feed.reason()).isIn("backend error", "timeout");
			assertThat(feed.backendCalls()).isPositive();
		}
	}

}
