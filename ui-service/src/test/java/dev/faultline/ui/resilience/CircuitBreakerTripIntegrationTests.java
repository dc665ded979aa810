package dev.faultline.ui.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.StubBackend;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The breaker opens within seconds of an outage under steady traffic, though its window
 * is full of healthy calls: a run of failures trips it ({@link ConsecutiveFailuresTrip}).
 * WireMock stands in for the faults: a long delay for a hang or a stopped backend (the
 * attempt times out), a reset connection for a killed or refused one. The benchmark
 * measures the real figures (OPEN within 1.5 s at 10 reads/s); the bounds here hold on a
 * slow, busy machine.
 */
class CircuitBreakerTripIntegrationTests extends AbstractUiIntegrationTests {

	/** The benchmark's standard load: reads per second at one level. */
	private static final int READS_PER_SECOND = 10;

	/** What the benchmark measures in 1.5 s, on a machine of any speed. */
	private static final Duration OPEN_WITHIN = Duration.ofSeconds(3);

	@Autowired
	private ConsecutiveFailuresProperties consecutiveFailures;

	@Autowired
	private RetryRegistry retries;

	@Test
	void opensWithinSecondsOfAHangThoughTheWindowIsFullOfHealthyReads() {
		assertOpensWithinSecondsOf(aResponse().withStatus(200).withFixedDelay(3_000), ProtectionLevel.CIRCUIT_BREAKER);
	}

	@Test
	void opensWithinSecondsOfAKilledOrRefusingBackendThoughTheWindowIsFullOfHealthyReads() {
		assertOpensWithinSecondsOf(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), ProtectionLevel.FULL);
	}

	@Test
	void aSingleUserReloadingOnceASecondDuringAHangOpensItWithinFiveReads() throws InterruptedException {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("cached")));
		feed(ProtectionLevel.FULL);
		// The worst case: no retry tokens left, so each read fails only once.
		while (this.retryBudget.tryRetry(ProtectionLevel.FULL)) {
			// Empty the bucket.
		}
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

		int reads = 0;
		while (reads < 5 && breaker(ProtectionLevel.FULL).getState() != CircuitBreaker.State.OPEN) {
			FeedJson answer = feed(ProtectionLevel.FULL);
			reads++;
			assertThat(answer.source()).isEqualTo("cache");
			// One reload a second: the user's pace is the case tested, not a wait.
			Thread.sleep(Math.max(0, 1000 - answer.elapsedMs()));
		}

		assertThat(breaker(ProtectionLevel.FULL).getState()).as("state after %d reads", reads)
			.isEqualTo(CircuitBreaker.State.OPEN);
	}

	@Test
	void aDeadBackendGetsTheRunThatTripsTheBreakerThenOneTrialCallPerOpenPeriod() {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("cached")));
		readSteadily(ProtectionLevel.FULL, 20, () -> false);
		backend.resetRequests();
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		long start = System.nanoTime();
		List<FeedJson> answers = readSteadily(ProtectionLevel.FULL, 5 * READS_PER_SECOND, () -> false);
		Duration outage = Duration.ofNanos(System.nanoTime() - start);

		assertThat(answers).allSatisfy((feed) -> assertThat(feed.source()).isEqualTo("cache"));
		int calls = answers.stream().mapToInt(FeedJson::backendCalls).sum();
		assertThat(calls).isEqualTo(requestsToBackend());
		// The run that trips it (its last read may add its remaining attempts), then at
		// most one trial call per open period, however many reads come.
		long openMs = breaker(ProtectionLevel.FULL).getCircuitBreakerConfig()
			.getWaitIntervalFunctionInOpenState()
			.apply(1);
		int maxAttempts = this.retries.retry(ProtectionLevel.FULL.id()).getRetryConfig().getMaxAttempts();
		long probes = outage.toMillis() / openMs + 1;
		assertThat(calls).isLessThanOrEqualTo(this.consecutiveFailures.threshold() + maxAttempts + (int) probes);
	}

	private void assertOpensWithinSecondsOf(ResponseDefinitionBuilder fault, ProtectionLevel level) {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("healthy")));
		// Three seconds of healthy reads fill the window: the rate alone would need
		// seconds
		// of failures to outweigh them.
		readSteadily(level, 3 * READS_PER_SECOND, () -> false);
		assertThat(breaker(level).getMetrics().getNumberOfSuccessfulCalls())
			.isGreaterThanOrEqualTo(3 * READS_PER_SECOND);

		backend.stubFor(StubBackend.messageList().willReturn(fault));
		long faultStart = System.nanoTime();
		readSteadily(level, 10 * READS_PER_SECOND, () -> breaker(level).getState() == CircuitBreaker.State.OPEN);
		Duration openAfter = Duration.ofNanos(System.nanoTime() - faultStart);

		assertThat(breaker(level).getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(openAfter).isLessThan(OPEN_WITHIN);
	}

	/**
	 * Reads at the standard rate from several threads, as the benchmark's users do, until
	 * {@code reads} were sent or {@code stop} says so; returns the answers.
	 */
	private List<FeedJson> readSteadily(ProtectionLevel level, int reads, BooleanSupplier stop) {
		ExecutorService users = Executors.newFixedThreadPool(8);
		List<CompletableFuture<FeedJson>> answers = new ArrayList<>();
		try {
			long period = TimeUnit.SECONDS.toNanos(1) / READS_PER_SECOND;
			long start = System.nanoTime();
			for (int i = 0; i < reads && !stop.getAsBoolean(); i++) {
				long wait = start + i * period - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				answers.add(CompletableFuture.supplyAsync(() -> feed(level), users));
			}
			return answers.stream().map((answer) -> answer.orTimeout(20, TimeUnit.SECONDS).join()).toList();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			users.shutdownNow();
		}
	}

	private static int requestsToBackend() {
		return backend.findAll(getRequestedFor(urlPathEqualTo(StubBackend.MESSAGES))).size();
	}

}
