package dev.faultline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The tests' HTTP client for one server: real requests over a real socket, HTTP/1.1, no
 * redirects followed, and every wait bounded (connect 2 s, an answer within 20 s), so a
 * hanging server fails a test instead of stalling the build.
 */
public final class TestHttp {

	/** Longest wait for an answer, far above any deadline under test. */
	public static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

	private final HttpClient client;

	private final String baseUrl;

	private TestHttp(String baseUrl, boolean cookies) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2));
		if (cookies) {
			builder.cookieHandler(new CookieManager());
		}
		this.client = builder.build();
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/** A client for the server at the base URL, such as {@code http://127.0.0.1:8081}. */
	public static TestHttp to(String baseUrl) {
		return new TestHttp(baseUrl, false);
	}

	/** A client for the server on a local port. */
	public static TestHttp toPort(int port) {
		return to("http://127.0.0.1:" + port);
	}

	/** A client that also keeps cookies, as a browser's session would. */
	public static TestHttp browserTo(String baseUrl) {
		return new TestHttp(baseUrl, true);
	}

	/** The URI of a path on this server; a full URL is taken as it is. */
	public URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.baseUrl + pathOrUrl);
	}

	/** A {@code GET}, with headers as name, value pairs. */
	public HttpResponse<String> get(String pathOrUrl, String... headers) {
		return send("GET", pathOrUrl, null, headers);
	}

	/**
	 * A request with an optional body (no body when {@code null}), with headers as name,
	 * value pairs.
	 */
	public HttpResponse<String> send(String method, String pathOrUrl, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	/**
	 * A {@code GET} sent without waiting, for tests that race requests or hold one open;
	 * unless answered within {@link #ANSWER_WITHIN} the future fails with an
	 * {@link java.net.http.HttpTimeoutException}.
	 */
	public CompletableFuture<HttpResponse<String>> getAsync(String pathOrUrl) {
		HttpRequest request = HttpRequest.newBuilder(uri(pathOrUrl)).timeout(ANSWER_WITHIN).build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	/** Sends a request built by the test, with the bounded wait unless it set its own. */
	public HttpResponse<String> send(HttpRequest.Builder request) {
		HttpRequest built = request.build();
		if (built.timeout().isEmpty()) {
			built = request.timeout(ANSWER_WITHIN).build();
		}
		try {
			return this.client.send(built, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted waiting for " + built.uri(), ex);
		}
	}

	/** The underlying client, for what the helpers do not cover (streams, async). */
	public HttpClient client() {
		return this.client;
	}

}
