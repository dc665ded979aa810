package dev.faultline.ui.dashboard;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's SSE endpoint over real HTTP: the history and a snapshot every second,
 * Resilience4j and feed events as they happen, heartbeats, streams forgotten when the
 * browser goes away, and the cap on concurrent streams.
 */
@TestPropertySource(
		properties = { "faultline.dashboard.max-streams=2", "faultline.dashboard.heartbeat-interval=300ms" })
class DashboardStreamIntegrationTests extends AbstractUiIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@Autowired
	private DashboardStreams streams;

	@AfterEach
	void allStreamsGone() {
		await().atMost(WAIT).until(() -> this.streams.openStreams() == 0);
	}

	@Test
	void streamStartsWithTheHistoryThenASnapshotEverySecond() throws Exception {
		try (Sse sse = open("full")) {
			assertThat(sse.response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			sse.await((line) -> line.equals("event:history"));
			String history = sse.await((line) -> line.startsWith("data:"));
			sse.await((line) -> line.equals("event:snapshot"));
			String first = sse.await((line) -> line.startsWith("data:"));
			sse.await((line) -> line.equals("event:snapshot"));

			assertThat(history).contains("\"level\":\"full\"")
				.contains("\"protectedLevel\":[")
				.contains("\"events\":[");
			assertThat(first).contains("\"protectedLevel\":{\"level\":\"full\"")
				.contains("\"unprotected\":{\"level\":\"none\"")
				.contains("\"breaker\":{\"state\":\"CLOSED\"")
				.contains("\"traffic\":{\"running\":false")
				.contains("\"chaos\":{");
		}
	}

	@Test
	void resilienceAndFeedEventsArriveAsTheyHappen() throws Exception {
		try (Sse sse = open("circuit-breaker")) {
			sse.await((line) -> line.equals("event:snapshot"));

			breaker(ProtectionLevel.CIRCUIT_BREAKER).transitionToOpenState();
			backend.stubFor(StubBackend.messageList().willReturn(serverError()));
			this.rest.getForEntity("/api/feed?level=none", String.class);

			String transition = sse.await((line) -> line.contains("\"type\":\"STATE_TRANSITION\""));
			String unprotected = sse
				.await((line) -> line.contains("\"level\":\"none\"") && line.contains("\"source\":\"feed\""));
			assertThat(transition).startsWith("data:")
				.contains("\"level\":\"circuit-breaker\"")
				.contains("\"kind\":\"state\"")
				.contains("CLOSED → OPEN");
			assertThat(unprotected).contains("\"kind\":\"failure\"").contains("backend error");
		}
	}

	@Test
	void eventsOfOtherLevelsAreNotSent() throws Exception {
		try (Sse sse = open("full")) {
			sse.await((line) -> line.equals("event:snapshot"));

			breaker(ProtectionLevel.FALLBACK).transitionToOpenState();
			breaker(ProtectionLevel.FULL).transitionToOpenState();

			sse.await((line) -> line.contains("\"type\":\"STATE_TRANSITION\""));
			assertThat(sse.seen).noneMatch((line) -> line.contains("\"level\":\"fallback\""));
		}
	}

	@Test
	void heartbeatsAreSentAsComments() throws Exception {
		try (Sse sse = open("full")) {
			assertThat(sse.await((line) -> line.startsWith(":"))).isEqualTo(":heartbeat");
		}
	}

	@Test
	void streamsAreCappedAnsweredWith503AndForgottenWhenTheBrowserLeaves() throws Exception {
		try (Sse first = open("full"); Sse second = open("none")) {
			first.await((line) -> line.equals("event:snapshot"));
			second.await((line) -> line.equals("event:snapshot"));

			HttpResponse<String> refused = this.ui.send(request("full"));

			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.body()).contains("too-many-streams");
			assertThat(this.streams.openStreams()).isEqualTo(2);
			first.close();
			await().atMost(WAIT).until(() -> this.streams.openStreams() == 1);
			try (Sse third = open("full")) {
				third.await((line) -> line.equals("event:history"));
			}
		}
	}

	@Test
	void unknownLevelIsA400Problem() throws Exception {
		HttpResponse<String> response = this.ui.send(request("fast"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"field\":\"level\"").contains("allowed-values");
	}

	private HttpRequest.Builder request(String level) {
		return HttpRequest.newBuilder(this.ui.uri("/dashboard/stream?level=" + level))
			.header("Accept", "text/event-stream");
	}

	private Sse open(String level) throws Exception {
		HttpResponse<Stream<String>> response = this.ui.client()
			.send(request(level).build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		return new Sse(response);
	}

	/**
	 * An open event stream whose lines a background thread collects, read with bounded
	 * waits.
	 */
	private static final class Sse implements AutoCloseable {

		private final HttpResponse<Stream<String>> response;

		private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

		private final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

		private final Thread reader;

		Sse(HttpResponse<Stream<String>> response) {
			this.response = response;
			this.reader = new Thread(() -> {
				try {
					response.body().forEach(this.lines::add);
				}
				catch (RuntimeException ex) {
					// Closed by the test.
				}
			}, "sse-reader");
			this.reader.setDaemon(true);
			this.reader.start();
		}

		/** The next line matching, skipping others; fails after the wait. */
		String await(Predicate<String> wanted) throws InterruptedException {
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (System.nanoTime() < deadline) {
				String line = this.lines.poll(200, TimeUnit.MILLISECONDS);
				if (line != null) {
					this.seen.add(line);
					if (wanted.test(line)) {
						return line;
					}
				}
			}
			throw new AssertionError("No matching line within " + WAIT + "; saw " + this.seen.size() + " lines");
		}

		@Override
		public void close() {
			this.response.body().close();
			this.reader.interrupt();
		}

	}

}
