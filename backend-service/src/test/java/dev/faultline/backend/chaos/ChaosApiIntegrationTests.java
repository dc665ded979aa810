package dev.faultline.backend.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.testsupport.TestHttp;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Every fault, selector and bad input of the chaos API over real sockets, with the JDK
 * {@link HttpClient} as the client that meets the faults. One context for all; every test
 * ends with {@code DELETE /chaos}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"spring.datasource.url=jdbc:h2:mem:chaos-api;DB_CLOSE_DELAY=-1", "faultline.chaos.sweep-interval=50ms" })
class ChaosApiIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	@LocalServerPort
	private int apiPort;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ObjectMapper json;

	/**
	 * Fresh clients per test: no pooled connection survives a fault of an earlier test.
	 */
	private TestHttp api;

	private TestHttp management;

	@BeforeEach
	void newClients() {
		this.api = freshApiClient();
		this.management = TestHttp.toPort(this.managementPort);
	}

	@AfterEach
	void allFaultsOff() throws Exception {
		assertThat(chaos("DELETE", "/chaos", null).statusCode()).isEqualTo(200);
	}

	private List<Integer> failingCalls(String fault, int calls) throws Exception {
		assertThat(chaos("PUT", fault, null).statusCode()).isEqualTo(200);
		List<Integer> failed = new ArrayList<>();
		for (int call = 1; call <= calls; call++) {
			if (this.api.get("/api/messages").statusCode() >= 500) {
				failed.add(call);
			}
		}
		return failed;
	}

	private void awaitInjections(String fault, int count) {
		await("%d %s injections".formatted(count, fault)).atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> injections(fault) >= count);
	}

	/** How many times the active fault has been injected, 0 when it is not active. */
	private long injections(String fault) throws JsonProcessingException {
		for (JsonNode active : read(chaos("GET", "/chaos", null)).get("faults")) {
			if (active.get("fault").asText().equals(fault)) {
				return active.get("faultsInjected").asLong();
			}
		}
		return 0;
	}

	/**
	 * Polls the API with fresh clients until it answers the status, within
	 * {@link #PATIENCE}; a refused connection is still failing.
	 */
	private void awaitStatus(String path, int status) {
		await(path + " answering " + status).atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(50))
			.ignoreException(UncheckedIOException.class)
			.until(() -> freshApiClient().get(path).statusCode() == status);
	}

	private static JsonNode findError(JsonNode problem, String field, String rule) {
		for (JsonNode error : problem.get("errors")) {
			if (error.get("field").asText().equals(field) && error.get("rule").asText().equals(rule)) {
				return error;
			}
		}
		return null;
	}

	/** A request to the chaos API; a body is sent as JSON. */
	private HttpResponse<String> chaos(String method, String path, String body) {
		return (body != null) ? this.management.send(method, path, body, "Content-Type", "application/json")
				: this.management.send(method, path, null);
	}

	/** A new client for the API port, so that no pooled connection is reused. */
	private TestHttp freshApiClient() {
		return TestHttp.toPort(this.apiPort);
	}

	/** The I/O failure of a request, unwrapped from {@link TestHttp}'s unchecked one. */
	private static Throwable ioFailure(ThrowingCallable request) {
		Throwable thrown = catchThrowable(request);
		assertThat(thrown).isInstanceOf(UncheckedIOException.class);
		return thrown.getCause();
	}

	private JsonNode read(HttpResponse<String> response) throws JsonProcessingException {
		return this.json.readTree(response.body());
	}

	/** The client for the API port, new for each test. */
	private TestHttp api() {
		return this.api;
	}

	/** The client for the management port, new for each test. */
	private TestHttp management() {
		return this.management;
	}

	private ObjectMapper json() {
		return this.json;
	}

	/**
	 * The control plane: on the management port only, never touched by a fault, its
	 * state, events and metrics.
	 */
	@Nested
	class ControlPlane {

		@Test
		void controlPlaneAnswersOnManagementPortAndNotOnApiPort() throws Exception {
			HttpResponse<String> state = chaos("GET", "/chaos", null);
			assertThat(state.statusCode()).isEqualTo(200);
			assertThat(state.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			assertThat(read(state).get("faults").isArray()).isTrue();
			assertThat(read(state).get("apiPort").asText()).isEqualTo("accepting connections");

			assertThat(api().get("/chaos").statusCode()).isEqualTo(404);
			assertThat(api().send("PUT", "/chaos/latency?ms=1", null).statusCode()).isEqualTo(404);
		}

		@Test
		void faultsNeverTouchTheManagementPort() throws Exception {
			chaos("PUT", "/chaos/error?status=500&paths=/**", null);

			assertThat(chaos("GET", "/chaos", null).statusCode()).isEqualTo(200);
			assertThat(chaos("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
			assertThat(api().get("/actuator/health").statusCode()).isEqualTo(500);
		}

		@Test
		void severalFaultsApplyInTheDocumentedOrder() throws Exception {
			chaos("PUT", "/chaos/error?status=504", null);
			chaos("PUT", "/chaos/latency?ms=200", null);

			long started = System.nanoTime();
			HttpResponse<String> answer = api().get("/api/messages");

			assertThat(answer.statusCode()).isEqualTo(504);
			assertThat(answer.headers().allValues(ChaosFilter.INJECTED)).containsExactly("latency", "error");
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(200);
		}

		@Test
		void aFaultRemovesItselfWhenItsDurationIsOver() throws Exception {
			chaos("PUT", "/chaos/error?duration=2s", null);
			assertThat(api().get("/api/messages").statusCode()).isEqualTo(500);

			awaitStatus("/api/messages", 200);
			assertThat(read(chaos("GET", "/chaos", null)).get("faults")).isEmpty();
		}

		@Test
		void injectionsAreListedAsEventsAndCountedInMetrics() throws Exception {
			chaos("PUT", "/chaos/error?status=418", null);
			api().get("/api/messages");

			JsonNode event = read(chaos("GET", "/chaos/events", null)).at("/events/0");
			assertThat(event.get("fault").asText()).isEqualTo("error");
			assertThat(event.get("target").asText()).isEqualTo("GET /api/messages");
			assertThat(event.get("at").asText()).isNotBlank();
			HttpResponse<String> metric = chaos("GET", "/actuator/metrics/faultline.chaos.injections?tag=fault:error",
					null);
			assertThat(metric.statusCode()).isEqualTo(200);
			assertThat(read(metric).at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(1);
		}

	}

	/** {@code error}: an injected problem, on the calls its selector and scope pick. */
	@Nested
	class Errors {

		@Test
		void anErrorStatusWithoutANameIsInjectedAsAsked() throws Exception {
			chaos("PUT", "/chaos/error?status=450", null);

			HttpResponse<String> answer = api().get("/api/messages");

			assertThat(answer.statusCode()).isEqualTo(450);
			assertThat(read(answer).get("title").asText()).isEqualTo("Injected failure: status 450");
		}

		@Test
		void errorAnswersAnInjectedProblemWithRetryAfter() throws Exception {
			chaos("PUT", "/chaos/error", "{\"status\": 503, \"retryAfter\": 2}");

			HttpResponse<String> answer = api().get("/api/messages");

			assertThat(answer.statusCode()).isEqualTo(503);
			assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
			assertThat(answer.headers().firstValue(ChaosFilter.INJECTED)).hasValue("error");
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = read(answer);
			assertThat(problem.get("type").asText()).isEqualTo("https://faultline.dev/problems/chaos-injected");
			assertThat(problem.get("status").asInt()).isEqualTo(503);
		}

		@Test
		void everyNthFailsExactlyCallsThreeSixAndNine() throws Exception {
			chaos("PUT", "/chaos/error?status=500&everyNth=3", null);

			List<Integer> failed = new ArrayList<>();
			for (int call = 1; call <= 9; call++) {
				if (api().get("/api/messages").statusCode() == 500) {
					failed.add(call);
				}
			}

			assertThat(failed).containsExactly(3, 6, 9);
			JsonNode fault = read(chaos("GET", "/chaos", null)).get("faults").get(0);
			assertThat(fault.get("requestsSeen").asLong()).isEqualTo(9);
			assertThat(fault.get("faultsInjected").asLong()).isEqualTo(3);
		}

		@Test
		void rateWithSeedFailsTheSameCallsEveryRun() throws Exception {
			List<Integer> first = failingCalls("/chaos/error?rate=0.5&seed=42", 20);
			List<Integer> second = failingCalls("/chaos/error?rate=0.5&seed=42", 20);

			Random expected = new Random(42);
			List<Integer> predicted = new ArrayList<>();
			for (int call = 1; call <= 20; call++) {
				if (expected.nextDouble() < 0.5) {
					predicted.add(call);
				}
			}
			assertThat(first).isEqualTo(second).isEqualTo(predicted).isNotEmpty().hasSizeLessThan(20);
		}

		@Test
		void firstNFailsTheNextCallsThenRemovesItself() throws Exception {
			assertThat(failingCalls("/chaos/error?status=503&firstN=2", 4)).containsExactly(1, 2);
			assertThat(read(chaos("GET", "/chaos", null)).get("faults")).isEmpty();
		}

		@Test
		void scopeLimitsAFaultToItsMethodsAndPaths() throws Exception {
			chaos("PUT", "/chaos/error?status=502&methods=GET&paths=/api/messages/*", null);

			assertThat(api().get("/api/messages").statusCode()).isEqualTo(200);
			assertThat(api().get("/api/messages/1").statusCode()).isEqualTo(502);
			HttpResponse<String> post = api().send("POST", "/api/messages/1", "{}", "Content-Type", "application/json");
			assertThat(post.statusCode()).isNotEqualTo(502);
		}

	}

	/** {@code latency}: every answer late by a fixed time or one from a range. */
	@Nested
	class Latency {

		@Test
		void latencyDelaysEveryAnswerByAtLeastTheAskedTime() throws Exception {
			HttpResponse<String> installed = chaos("PUT", "/chaos/latency?ms=400", null);
			assertThat(installed.statusCode()).isEqualTo(200);
			JsonNode fault = read(installed).get("faults").get(0);
			assertThat(fault.get("fault").asText()).isEqualTo("latency");
			assertThat(fault.get("remainingSeconds").asLong()).isBetween(290L, 300L);

			long started = System.nanoTime();
			HttpResponse<String> answer = api().get("/api/messages");
			long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.headers().firstValue(ChaosFilter.INJECTED)).hasValue("latency");
			assertThat(ms).isGreaterThanOrEqualTo(400);
		}

		@Test
		void latencyRangeFromJsonBodyStaysWithinTheRange() throws Exception {
			HttpResponse<String> installed = chaos("PUT", "/chaos/latency", "{\"minMs\": 200, \"maxMs\": 300}");
			assertThat(installed.statusCode()).isEqualTo(200);
			assertThat(read(installed).at("/faults/0/settings").toString()).isEqualTo("{\"minMs\":200,\"maxMs\":300}");

			long started = System.nanoTime();
			assertThat(api().get("/api/messages").statusCode()).isEqualTo(200);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(200);
		}

	}

	/** {@code hang}: a request held until the fault goes or its time is up. */
	@Nested
	class Hang {

		@Test
		void hangHoldsTheRequestUntilTheFaultIsRemoved() throws Exception {
			chaos("PUT", "/chaos/hang", null);
			CompletableFuture<HttpResponse<String>> held = api().getAsync("/api/messages");
			awaitInjections("hang", 1);
			await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(() -> !held.isDone());

			chaos("DELETE", "/chaos/hang", null);

			assertThat(held.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}

		@Test
		void hangEndsAfterMaxMs() throws Exception {
			chaos("PUT", "/chaos/hang?maxMs=300", null);

			long started = System.nanoTime();
			HttpResponse<String> answer = api().get("/api/messages");

			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(300);
		}

	}

	/** {@code down}: the API port refuses connections, and opens again. */
	@Nested
	class Down {

		@Test
		void downRefusesConnectionsWhileTheControlPlaneAnswersAndOffRestoresAtOnce() throws Exception {
			HttpResponse<String> installed = chaos("PUT", "/chaos/down", null);
			assertThat(read(installed).get("apiPort").asText()).isEqualTo("refusing connections");

			Throwable refused = ioFailure(() -> freshApiClient().get("/api/messages"));
			assertThat(refused).isInstanceOf(ConnectException.class);
			assertThat(chaos("GET", "/chaos", null).statusCode()).isEqualTo(200);

			chaos("DELETE", "/chaos/down", null);
			HttpResponse<String> answer = freshApiClient().get("/api/messages");
			assertThat(answer.statusCode()).isEqualTo(200);
		}

		@Test
		void downLetsRequestsInFlightFinish() throws Exception {
			chaos("PUT", "/chaos/latency?ms=1500", null);
			CompletableFuture<HttpResponse<String>> inFlight = api().getAsync("/api/messages");
			awaitInjections("latency", 1);

			chaos("PUT", "/chaos/down", null);

			assertThat(inFlight.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}

		@Test
		void downReopensThePortWhenItExpires() throws Exception {
			chaos("PUT", "/chaos/down?duration=1s", null);
			assertThat(ioFailure(() -> freshApiClient().get("/api/messages"))).isInstanceOf(ConnectException.class);

			awaitStatus("/api/messages", 200);
			assertThat(read(chaos("GET", "/chaos", null)).get("apiPort").asText()).isEqualTo("accepting connections");
		}

	}

	/**
	 * {@code reset}, {@code slow-body}, {@code truncate}, {@code malformed}: answers
	 * broken on the wire.
	 */
	@Nested
	class BrokenAnswers {

		@Test
		void resetDropsTheConnectionWithoutAnswer() throws Exception {
			chaos("PUT", "/chaos/reset", null);

			Throwable dropped = ioFailure(() -> api().get("/api/messages"));

			assertThat(dropped).isInstanceOf(IOException.class).isNotInstanceOf(ConnectException.class);
			assertThat(dropped.getMessage()).containsAnyOf("received no bytes", "reset", "closed");
			assertThat(read(chaos("GET", "/chaos/events", null)).at("/events/0/effect").asText()).isEqualTo("reset");
		}

		@Test
		void slowBodySendsHeadersAtOnceAndTricklesTheBody() throws Exception {
			byte[] whole = api().get("/api/messages").body().getBytes();
			chaos("PUT", "/chaos/slow-body?chunkBytes=" + (whole.length / 4 + 1) + "&chunkDelayMs=250", null);

			long started = System.nanoTime();
			HttpResponse<InputStream> answer = api().client()
				.send(HttpRequest.newBuilder(api().uri("/api/messages")).timeout(TestHttp.ANSWER_WITHIN).build(),
						BodyHandlers.ofInputStream());
			long headersMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			byte[] body;
			try (InputStream in = answer.body()) {
				body = in.readAllBytes();
			}
			long totalMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.headers().firstValue(ChaosFilter.INJECTED)).hasValue("slow-body");
			assertThat(body).isEqualTo(whole);
			assertThat(totalMs).isGreaterThanOrEqualTo(4 * 250);
			assertThat(headersMs).isLessThan(totalMs - 500);
		}

		@Test
		void truncateCutsTheBodyShortOfItsContentLength() throws Exception {
			chaos("PUT", "/chaos/truncate", null);

			Throwable cut = ioFailure(() -> api().get("/api/messages"));

			assertThat(cut).isInstanceOf(IOException.class).isNotInstanceOf(ConnectException.class);
			assertThat(cut.getMessage()).containsAnyOf("content-length", "EOF");
		}

		@Test
		void malformedAnswersSuccessWithInvalidJson() throws Exception {
			chaos("PUT", "/chaos/malformed", null);

			HttpResponse<String> answer = api().get("/api/messages");

			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			assertThatExceptionOfType(JsonProcessingException.class).isThrownBy(() -> json().readTree(answer.body()));
		}

	}

	/** {@code flap}: a failing phase, then a healthy one. */
	@Nested
	class Flap {

		@Test
		void flapFailsFirstThenTurnsHealthy() throws Exception {
			chaos("PUT", "/chaos/flap?kind=error&status=503&downMs=2000&upMs=60000", null);

			assertThat(api().get("/api/messages").statusCode()).isEqualTo(503);
			awaitStatus("/api/messages", 200);
			assertThat(read(chaos("GET", "/chaos", null)).at("/faults/0/settings/kind").asText()).isEqualTo("error");
		}

		@Test
		void flapWithDownClosesAndReopensThePort() throws Exception {
			chaos("PUT", "/chaos/flap?kind=down&downMs=1500&upMs=60000", null);

			assertThat(ioFailure(() -> freshApiClient().get("/api/messages"))).isInstanceOf(ConnectException.class);
			awaitStatus("/api/messages", 200);
		}

	}

	/** {@code readiness} and {@code crash}: the process, not its answers. */
	@Nested
	class ProcessFaults {

		@Test
		void readinessGoesOutOfServiceWhileLivenessStaysUp() throws Exception {
			chaos("PUT", "/chaos/readiness", null);

			HttpResponse<String> readiness = chaos("GET", "/actuator/health/readiness", null);
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(read(readiness).get("status").asText()).isEqualTo("OUT_OF_SERVICE");
			assertThat(read(chaos("GET", "/actuator/health/liveness", null)).get("status").asText()).isEqualTo("UP");

			chaos("DELETE", "/chaos/readiness", null);
			assertThat(chaos("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		}

		@Test
		void crashIsRefusedUnlessAllowed() throws Exception {
			HttpResponse<String> answer = chaos("PUT", "/chaos/crash?delayMs=0", null);

			assertThat(answer.statusCode()).isEqualTo(403);
			assertThat(read(answer).get("detail").asText()).contains("faultline.chaos.allow-crash=true");
			assertThat(read(chaos("GET", "/chaos", null)).get("faults")).isEmpty();
		}

	}

	/** Scenarios: named sets of faults, listed and installed as one. */
	@Nested
	class Scenarios {

		@Test
		void scenariosAreListedWithDescriptions() throws Exception {
			JsonNode scenarios = read(chaos("GET", "/chaos/scenarios", null)).get("scenarios");

			assertThat(scenarios.findValuesAsText("name")).containsExactly("flaky", "every-third", "errors", "slow",
					"hang", "outage", "brownout", "flapping");
			assertThat(scenarios.findValuesAsText("description")).allSatisfy((text) -> assertThat(text).isNotBlank());
		}

		@Test
		void theStateNamesTheScenarioUntilItsFaultsAreChangedByHand() throws Exception {
			JsonNode installed = read(chaos("PUT", "/chaos/scenarios/outage", null));
			assertThat(installed.get("scenario").asText()).isEqualTo("outage");
			assertThat(read(chaos("GET", "/chaos", null)).get("scenario").asText()).isEqualTo("outage");

			JsonNode changed = read(chaos("PUT", "/chaos/latency?ms=1", null));

			assertThat(changed.get("scenario").isNull()).isTrue();
			assertThat(changed.get("faults").findValuesAsText("fault")).containsExactlyInAnyOrder("down", "latency");
			assertThat(read(chaos("DELETE", "/chaos", null)).get("scenario").isNull()).isTrue();
		}

		@Test
		void everyThirdScenarioReplacesActiveFaultsAndFailsEveryThirdCall() throws Exception {
			chaos("PUT", "/chaos/latency?ms=1", null);

			HttpResponse<String> installed = chaos("PUT", "/chaos/scenarios/every-third?duration=1m", null);

			assertThat(installed.statusCode()).isEqualTo(200);
			JsonNode faults = read(installed).get("faults");
			assertThat(faults.findValuesAsText("fault")).containsExactly("error");
			assertThat(faults.get(0).get("remainingSeconds").asLong()).isBetween(50L, 60L);
			List<Integer> failed = new ArrayList<>();
			for (int call = 1; call <= 6; call++) {
				if (api().get("/api/messages").statusCode() == 500) {
					failed.add(call);
				}
			}
			assertThat(failed).containsExactly(3, 6);
		}

		@ParameterizedTest
		@EnumSource(Scenario.class)
		void everyScenarioInstallsItsFaults(Scenario scenario) throws Exception {
			HttpResponse<String> installed = chaos("PUT", "/chaos/scenarios/" + scenario.id(), null);

			assertThat(installed.statusCode()).isEqualTo(200);
			assertThat(read(installed).get("faults").findValuesAsText("fault"))
				.containsExactly(scenario.steps().stream().map((step) -> step.fault().id()).toArray(String[]::new));
		}

	}

	/** Bad input: a problem naming what is wrong, and nothing changed. */
	@Nested
	class BadInput {

		@ParameterizedTest
		@CsvSource(delimiter = '|',
				textBlock = """
						/chaos/latency?ms=-1                     |                                     | ms        | range
						/chaos/latency?ms=fast                   |                                     | ms        | type
						/chaos/latency                           | {"minMs": 500, "maxMs": 100}        | minMs     | not-greater-than-max
						/chaos/latency                           | {"minMs": 500}                      | maxMs     | required
						/chaos/error?status=600                  |                                     | status    | range
						/chaos/error?status=302                  |                                     | status    | range
						/chaos/error?status=500&retryAfter=5     |                                     | retryAfter| requires
						/chaos/error?rate=1.5                    |                                     | rate      | range
						/chaos/error?rate=0.5&everyNth=3         |                                     | rate      | one-selector
						/chaos/error?seed=7                      |                                     | seed      | requires
						/chaos/error?duration=2h                 |                                     | duration  | range
						/chaos/error?duration=soon               |                                     | duration  | type
						/chaos/error?colour=red                  |                                     | colour    | unknown-field
						/chaos/error                             | {"status": 500, "colour": "red"}    | colour    | unknown-field
						/chaos/error?status=500                  | {"status": 503}                     | status    | duplicate
						/chaos/error?methods=FETCH               |                                     | methods   | one-of
						/chaos/error?paths=api                   |                                     | paths     | pattern
						/chaos/latency?ms=1&paths=/api/messages/%7Bid:%5B%7D |                         | paths     | pattern
						/chaos/error?paths=/api/../**            |                                     | paths     | pattern
						/chaos/down?everyNth=2                   |                                     | everyNth  | unknown-field
						/chaos/flap?kind=crash                   |                                     | kind      | one-of
						/chaos/slow-body?chunkBytes=0            |                                     | chunkBytes| range
						/chaos/hang?maxMs=600001                 |                                     | maxMs     | range
						/chaos/scenarios/flaky?rate=1            |                                     | rate      | unknown-field
						/chaos/latency                           | {"ms": "3000"}                      | ms        | type
						/chaos/latency?ms=0x10                   |                                     | ms        | type
						/chaos/latency?ms=%2B5                   |                                     | ms        | type
						/chaos/latency                           | {"ms": 3000, "ms": 1}               | ms        | duplicate
						/chaos/error?methods=                    |                                     | methods   | list
						/chaos/error?methods=GET,,POST           |                                     | methods   | list
						/chaos/error?rate=0                      |                                     | rate      | range
						/chaos/error?status=500&status=503       |                                     | status    | single-value
						/chaos/error?methods=GET&methods=POST    |                                     | methods   | single-value
						/chaos/error?duration=PT0.0001S          |                                     | duration  | range
						""")
		void badInputIsA400NamingTheFieldAndChangesNothing(String path, String body, String field, String rule)
				throws Exception {
			chaos("PUT", "/chaos/latency?ms=1", null);
			String before = read(chaos("GET", "/chaos", null)).get("faults").toString();

			HttpResponse<String> answer = chaos("PUT", path, body);

			assertThat(answer.statusCode()).isEqualTo(400);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = read(answer);
			assertThat(problem.get("type").asText()).isEqualTo("https://faultline.dev/problems/validation");
			assertThat(problem.get("errors").findValuesAsText("field")).contains(field);
			JsonNode error = findError(problem, field, rule);
			assertThat(error).as("error %s/%s in %s", field, rule, problem).isNotNull();
			assertThat(error.get("message").asText()).isNotBlank();
			assertThat(read(chaos("GET", "/chaos", null)).get("faults").toString()).isEqualTo(before);
		}

		@Test
		void jsonNullBodyIsA400AndInstallsNothing() throws Exception {
			String before = read(chaos("GET", "/chaos", null)).get("faults").toString();

			HttpResponse<String> answer = chaos("PUT", "/chaos/latency", "null");

			assertThat(answer.statusCode()).isEqualTo(400);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(read(answer).get("type").asText()).isEqualTo("https://faultline.dev/problems/malformed-request");
			assertThat(read(chaos("GET", "/chaos", null)).get("faults").toString()).isEqualTo(before);
		}

		@ParameterizedTest
		@ValueSource(strings = { "text/plain", "application/xml", "multipart/form-data; boundary=x",
				"application/x-www-form-urlencoded" })
		void aBodyThatIsNotJsonIsA415AndInstallsNothing(String type) throws Exception {
			String before = read(chaos("GET", "/chaos", null)).get("faults").toString();

			HttpResponse<String> answer = management().send("PUT", "/chaos/latency", "{\"ms\": 3000}", "Content-Type",
					type);

			assertThat(answer.statusCode()).isEqualTo(415);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(read(answer).get("detail").asText()).contains("application/json");
			assertThat(read(chaos("GET", "/chaos", null)).get("faults").toString()).isEqualTo(before);
		}

		@Test
		void aBodyOverSixteenKilobytesIsA413() throws Exception {
			HttpResponse<String> answer = chaos("PUT", "/chaos/latency", "{\"ms\": 1}" + " ".repeat(20_000));

			assertThat(answer.statusCode()).isEqualTo(413);
			assertThat(read(answer).get("type").asText()).isEqualTo("https://faultline.dev/problems/payload-too-large");
		}

		@Test
		void bodyThatIsNotAJsonObjectIsA400() throws Exception {
			HttpResponse<String> answer = chaos("PUT", "/chaos/latency", "[1, 2");

			assertThat(answer.statusCode()).isEqualTo(400);
			assertThat(read(answer).get("type").asText()).isEqualTo("https://faultline.dev/problems/malformed-request");
		}

		@ParameterizedTest
		@CsvSource({ "PUT, /chaos/wobble, slow-body", "DELETE, /chaos/wobble, slow-body",
				"PUT, /chaos/scenarios/doomsday, every-third" })
		void unknownFaultOrScenarioIsA404ProblemListingTheKnownNames(String method, String path, String known)
				throws Exception {
			HttpResponse<String> answer = chaos(method, path, null);

			assertThat(answer.statusCode()).isEqualTo(404);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(read(answer).get("detail").asText()).contains(known);
		}

	}

}
