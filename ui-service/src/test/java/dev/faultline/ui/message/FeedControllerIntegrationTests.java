package dev.faultline.ui.message;

import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON twin of the page: its contract, and a 400 problem for an unknown level.
 */
class FeedControllerIntegrationTests extends AbstractUiIntegrationTests {

	/** Long enough to tell the backend's time from none, short of any timeout. */
	private static final int BACKEND_DELAY_MS = 200;

	@Test
	void answersTheDocumentedContract() {
		backend.stubFor(StubBackend.messageList()
			.willReturn(StubBackend.messages("newest", "older").withFixedDelay(BACKEND_DELAY_MS)));

		long started = System.nanoTime();
		ResponseEntity<JsonNode> response = this.rest.getForEntity("/api/feed?level=circuit-breaker", JsonNode.class);
		long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		JsonNode feed = response.getBody();
		assertThat(feed.fieldNames()).toIterable()
			.containsExactly("level", "source", "reason", "ageMs", "backendCalls", "elapsedMs", "replica", "messages");
		assertThat(feed.get("level").asText()).isEqualTo("circuit-breaker");
		assertThat(feed.get("source").asText()).isEqualTo("live");
		assertThat(feed.get("reason").isNull()).isTrue();
		assertThat(feed.get("ageMs").isNull()).isTrue();
		assertThat(feed.get("backendCalls").asInt()).isEqualTo(1);
		assertThat(feed.get("elapsedMs").asLong()).isBetween((long) BACKEND_DELAY_MS, tookMs);
		assertThat(feed.get("replica").asText()).isEqualTo("localhost:" + backend.port());
		assertThat(feed.get("messages").get(0).fieldNames()).toIterable()
			.containsExactly("id", "author", "text", "createdAt");
	}

	@Test
	void defaultsToLevelFull() {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));

		assertThat(this.rest.getForObject("/api/feed", JsonNode.class).get("level").asText()).isEqualTo("full");
	}

	@Test
	void unknownLevelIsAProblemNamingTheParameterAndTheAllowedValues() {
		ResponseEntity<JsonNode> response = this.rest.getForEntity("/api/feed?level=bogus", JsonNode.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode error = response.getBody().get("errors").get(0);
		assertThat(error.get("field").asText()).isEqualTo("level");
		assertThat(error.get("rule").asText()).isEqualTo("allowed-values");
		assertThat(error.get("message").asText())
			.contains(Stream.of(ProtectionLevel.values()).map(ProtectionLevel::id).collect(Collectors.joining(", ")));
	}

}
