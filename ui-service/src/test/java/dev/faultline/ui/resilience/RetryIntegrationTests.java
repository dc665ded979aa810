package dev.faultline.ui.resilience;

import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.faultline.ui.backend.BackendServerException;
import dev.faultline.ui.backend.MessagesBackend;
import dev.faultline.ui.backend.NewMessage;
import dev.faultline.ui.backend.Posted;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.Levels;
import dev.faultline.ui.testsupport.StubBackend;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Retry repeats only what is worth repeating: transient failures of reads, and of writes
 * that carry an Idempotency-Key; never 4xx, never an open breaker, and never beyond the
 * retry budget.
 */
class RetryIntegrationTests extends AbstractUiIntegrationTests {

	private static final String CREATED = """
			{"id": 7, "author": "Ada", "text": "Hello", "createdAt": "2026-01-01T12:00:00Z"}""";

	@Autowired
	private MessageClients clients;

	@Autowired
	private BackendCalls calls;

	@Autowired
	private RetryRegistry retries;

	@Autowired
	private ResilienceProperties resilience;

	@Test
	void failFailSucceedIsOneSuccessAfterExactlyThreeRequests() {
		backend.stubFor(StubBackend.messageList()
			.inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("failed once"));
		backend.stubFor(StubBackend.messageList()
			.inScenario("flaky")
			.whenScenarioStateIs("failed once")
			.willReturn(aResponse().withStatus(500))
			.willSetStateTo("failed twice"));
		backend.stubFor(StubBackend.messageList()
			.inScenario("flaky")
			.whenScenarioStateIs("failed twice")
			.willReturn(StubBackend.messages("third time lucky")));

		FeedJson feed = feed(ProtectionLevel.RETRY);

		assertThat(feed.source()).isEqualTo("live");
		assertThat(feed.backendCalls()).isEqualTo(3);
		backend.verify(exactly(3), getRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 404 })
	void clientErrorIsNeverRetried(int status) {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(status)));

		FeedJson feed = feed(ProtectionLevel.RETRY);

		assertThat(feed.source()).isEqualTo("none");
		assertThat(feed.backendCalls()).isEqualTo(1);
		backend.verify(exactly(1), getRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));
	}

	@Test
	void openBreakerIsNotRetried() {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("never fetched")));
		breaker(ProtectionLevel.CIRCUIT_BREAKER).transitionToOpenState();
		long failedWithoutRetry = this.retries.retry(ProtectionLevel.CIRCUIT_BREAKER.id())
			.getMetrics()
			.getNumberOfFailedCallsWithoutRetryAttempt();

		FeedJson feed = feed(ProtectionLevel.CIRCUIT_BREAKER);

		assertThat(feed.reason()).isEqualTo("circuit open");
		assertThat(feed.backendCalls()).isZero();
		assertThat(this.retries.retry(ProtectionLevel.CIRCUIT_BREAKER.id())
			.getMetrics()
			.getNumberOfFailedCallsWithoutRetryAttempt()).isEqualTo(failedWithoutRetry + 1);
		backend.verify(exactly(0), getRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));
	}

	@Test
	void postWithoutIdempotencyKeyIsNotRetried() {
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).willReturn(aResponse().withStatus(503)));

		try (BackendCall call = this.calls.open(ProtectionLevel.RETRY)) {
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(
					() -> this.clients.at(ProtectionLevel.RETRY).create(new NewMessage("Ada", "Hi"), null, call).get())
				.withCauseInstanceOf(BackendServerException.class);
		}
		backend.verify(exactly(1), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));
	}

	@Test
	void postWithIdempotencyKeyIsRetriedWithTheSameKey() throws Exception {
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).inScenario("write")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("failed once"));
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).inScenario("write")
			.whenScenarioStateIs("failed once")
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(CREATED)));

		Posted posted;
		try (BackendCall call = this.calls.open(ProtectionLevel.RETRY)) {
			posted = this.clients.at(ProtectionLevel.RETRY)
				.create(new NewMessage("Ada", "Hello"), "key-42", call)
				.get();
		}

		assertThat(posted.message().id()).isEqualTo(7);
		backend.verify(exactly(2), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES))
			.withHeader(MessagesBackend.IDEMPOTENCY_KEY, equalTo("key-42")));
	}

	@Test
	void retriesStayWithinTheBudgetDuringAnOutage() {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(503)));
		int calls = 30;

		for (int i = 0; i < calls; i++) {
			assertThat(feed(ProtectionLevel.RETRY).source()).isEqualTo("none");
		}

		// Unlimited, each call would make 3 requests. The budget allows its burst (a full
		// bucket) plus its ratio of the calls, and spends the burst first.
		int requests = backend.findAll(getRequestedFor(urlPathEqualTo(StubBackend.MESSAGES))).size();
		int burst = this.resilience.retryBudgetCapacity();
		assertThat(requests).isBetween(calls + burst,
				calls + burst + (int) Math.ceil(calls * this.resilience.retryBudgetRatio()));
	}

	@ParameterizedTest
	@MethodSource("levelsWithARetry")
	void aLevelStaysWithinItsOwnBudgetWhileLevelsWithoutARetryAreReadToo(ProtectionLevel level) {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(503)));
		int reads = 30;

		int calls = 0;
		for (int i = 0; i < reads; i++) {
			this.rest.getForEntity("/api/feed?level={level}", String.class, ProtectionLevel.NONE.id());
			feed(ProtectionLevel.TIMEOUT);
			calls += feed(level).backendCalls();
		}

		// With one bucket for all levels, the reads of none and timeout paid for this
		// level's retries (at level retry, 1.6 calls per read against the real backend).
		assertThat(calls).isLessThanOrEqualTo(reads + this.resilience.retryBudgetCapacity()
				+ (int) Math.ceil(reads * this.resilience.retryBudgetRatio()));
	}

	@ParameterizedTest
	@MethodSource("levelsWithARetry")
	void everyLevelWithARetryAsksItsOwnBudgetAndNoOthers(ProtectionLevel level) {
		var interval = this.retries.retry(level.id()).getRetryConfig().getIntervalBiFunction();
		assertThat(interval.apply(1, null)).isPositive();

		while (this.retryBudget.tryRetry(level)) {
			// Empty this level's bucket.
		}

		assertThat(interval.apply(1, null)).isEqualTo(-1L);
		assertThat(levelsWithARetry().filter((other) -> other != level))
			.allSatisfy((other) -> assertThat(this.retryBudget.available(other))
				.isEqualTo(this.resilience.retryBudgetCapacity()));
	}

	static Stream<ProtectionLevel> levelsWithARetry() {
		return Levels.using(ResiliencePattern.RETRY);
	}

}
