package dev.faultline.benchmarks.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The orchestrator's own small HTTP calls (readiness, chaos, breaker states, metrics,
 * probes), each with a timeout, answering "no answer" instead of throwing: the backend
 * being unreachable is the normal case here.
 */
final class Http {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final ObjectMapper json = new ObjectMapper();

	/** The status of a GET, or 0 when nothing answers in time. */
	int status(String url, Duration timeout) {
		return send("GET", url, timeout).map(HttpResponse::statusCode).orElse(0);
	}

	/** The body of a successful GET as JSON. */
	Optional<JsonNode> getJson(String url, Duration timeout) {
		return send("GET", url, timeout).filter((response) -> response.statusCode() == 200).flatMap((response) -> {
			try {
				return Optional.of(this.json.readTree(response.body()));
			}
			catch (IOException ex) {
				return Optional.empty();
			}
		});
	}

	/** A PUT or DELETE that must succeed, such as a chaos call. */
	void change(String method, String url) {
		int status = send(method, url, Duration.ofSeconds(10)).map(HttpResponse::statusCode).orElse(0);
		if (status / 100 != 2) {
			throw new IllegalStateException(method + " " + url + " answered " + status);
		}
	}

	private Optional<HttpResponse<String>> send(String method, String url, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(timeout)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			return Optional.of(this.client.send(request, HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

}
