package dev.faultline.ui.backend;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * For the micro-benchmarks only: the two backend clients answering 20 messages from
 * memory, through the real {@link RestClient}, headers and JSON mapping, so that what is
 * measured is the UI's own cost per call and no network. End-to-end and resilience tests
 * use WireMock or the real backend, never this.
 */
public final class InMemoryBackend {

	/** How many messages each answer holds: what the page asks for. */
	public static final int MESSAGES = 20;

	/** The replica to name in calls; any other answers the same. */
	public static final Replica REPLICA = Replica.at(URI.create("http://in-memory"));

	private static final byte[] BODY = body();

	private InMemoryBackend() {
	}

	/**
	 * A client over the in-memory answer, built on the given builder (Boot's, or
	 * {@link RestClient#builder()}).
	 */
	public static MessagesBackend messagesBackend(RestClient.Builder builder) {
		return new MessagesBackend(builder.requestFactory(requests()).build(), () -> {
		});
	}

	private static ClientHttpRequestFactory requests() {
		return (URI uri, HttpMethod method) -> {
			MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
			MockClientHttpResponse response = new MockClientHttpResponse(BODY, HttpStatus.OK);
			response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			request.setResponse(response);
			return request;
		};
	}

	private static byte[] body() {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < MESSAGES; i++) {
			json.append((i > 0) ? "," : "")
				.append("{\"id\":")
				.append(MESSAGES - i)
				.append(",\"author\":\"Ada\",\"text\":\"Message number ")
				.append(i)
				.append(" of the benchmark feed\",\"createdAt\":\"")
				.append(Instant.parse("2026-01-01T12:00:00Z").plusSeconds(i))
				.append("\"}");
		}
		return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Bean definitions that replace the two HTTP clients of a UI context. Not a
	 * {@code @Configuration} on purpose, so component scanning in the tests never picks
	 * it up: add it as a source, with bean overriding allowed.
	 */
	public static class Clients {

		@Bean(MessagesBackend.PROTECTED)
		MessagesBackend protectedBackend(RestClient.Builder builder) {
			return messagesBackend(builder.clone());
		}

		@Bean(MessagesBackend.UNPROTECTED)
		MessagesBackend unprotectedBackend(RestClient.Builder builder) {
			return messagesBackend(builder.clone());
		}

	}

}
