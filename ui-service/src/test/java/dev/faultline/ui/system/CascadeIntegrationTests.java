package dev.faultline.ui.system;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.faultline.testsupport.TestHttp;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The cascade, made visible: with the backend hanging and only 4 request threads, a
 * handful of calls at level {@code none} take every thread, so {@code /about}, which
 * never needs the backend, stops answering. At level {@code full} the bulkhead keeps all
 * but two threads free and {@code /about} answers at once.
 *
 * <p>
 * Its own context (the small thread pool), so kept to this one class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=4" })
class CascadeIntegrationTests extends AbstractUiIntegrationTests {

	private static final int THREADS = 4;

	private static final Duration HANG = Duration.ofSeconds(4);

	/** Far below the hang: "answers in time" for a static page. */
	private static final Duration IN_TIME = Duration.ofSeconds(1);

	@Test
	void unprotectedCallsToAHangingBackendTakeDownAnUnrelatedPage() throws Exception {
		backend.stubFor(StubBackend.messageList()
			.willReturn(aResponse().withStatus(200).withFixedDelay((int) HANG.toMillis())));

		List<CompletableFuture<HttpResponse<String>>> calls = callFeed(ProtectionLevel.NONE, THREADS + 2);
		await().atMost(Duration.ofSeconds(5)).until(() -> requestsToBackend() >= THREADS);

		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(this::aboutInTime)
			.withCauseInstanceOf(HttpTimeoutException.class);
		awaitAll(calls);
	}

	@Test
	void withTheBulkheadTheUnrelatedPageKeepsAnswering() throws Exception {
		backend.stubFor(StubBackend.messageList()
			.willReturn(aResponse().withStatus(200).withFixedDelay((int) HANG.toMillis())));

		List<CompletableFuture<HttpResponse<String>>> calls = callFeed(ProtectionLevel.FULL, THREADS * 2);
		await().atMost(Duration.ofSeconds(5)).until(() -> requestsToBackend() >= 1);

		HttpResponse<String> about = aboutInTime();
		assertThat(about.statusCode()).isEqualTo(200);
		assertThat(about.body()).contains("About Faultline");
		assertThat(awaitAll(calls)).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
	}

	/**
	 * Calls the feed from clients of their own, so that {@code /about} is asked on a
	 * connection of its own.
	 */
	private List<CompletableFuture<HttpResponse<String>>> callFeed(ProtectionLevel level, int concurrent) {
		TestHttp users = TestHttp.toPort(this.port);
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < concurrent; i++) {
			calls.add(users.getAsync("/api/feed?level=" + level.id()));
		}
		return calls;
	}

	/** {@code GET /about}, given {@link #IN_TIME} to answer. */
	private HttpResponse<String> aboutInTime() {
		return this.ui.send(HttpRequest.newBuilder(this.ui.uri("/about")).timeout(IN_TIME));
	}

	private static List<HttpResponse<String>> awaitAll(List<CompletableFuture<HttpResponse<String>>> calls)
			throws Exception {
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> call : calls) {
			responses.add(call.get(30, TimeUnit.SECONDS));
		}
		return responses;
	}

	private static int requestsToBackend() {
		return backend.findAll(getRequestedFor(urlPathEqualTo(StubBackend.MESSAGES))).size();
	}

}
