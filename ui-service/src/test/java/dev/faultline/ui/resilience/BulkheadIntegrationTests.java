package dev.faultline.ui.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.StubBackend;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the backend hanging, more concurrent calls than the bulkhead allows: the excess is
 * answered from the cache at once instead of queueing behind the hang.
 */
class BulkheadIntegrationTests extends AbstractUiIntegrationTests {

	@Autowired
	private BulkheadRegistry bulkheads;

	@Test
	void excessConcurrentCallsAreAnsweredFromTheCacheAtOnce() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("cached")));
		assertThat(feed(ProtectionLevel.FULL).source()).as("the read that fills the cache").isEqualTo("live");
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));
		int limit = this.bulkheads.bulkhead(ProtectionLevel.FULL.id()).getBulkheadConfig().getMaxConcurrentCalls();
		int concurrent = limit + 4;

		List<FeedJson> answers = new ArrayList<>();
		ExecutorService clients = Executors.newFixedThreadPool(concurrent);
		try {
			List<CompletableFuture<FeedJson>> calls = new ArrayList<>();
			for (int i = 0; i < concurrent; i++) {
				calls.add(CompletableFuture.supplyAsync(() -> feed(ProtectionLevel.FULL), clients));
			}
			for (CompletableFuture<FeedJson> call : calls) {
				answers.add(call.get(20, TimeUnit.SECONDS));
			}
		}
		finally {
			clients.shutdownNow();
		}

		assertThat(answers).as("every answer").allSatisfy((feed) -> assertThat(feed.source()).isEqualTo("cache"));
		List<FeedJson> turnedAway = answers.stream().filter((feed) -> "bulkhead full".equals(feed.reason())).toList();
		assertThat(turnedAway).hasSizeGreaterThanOrEqualTo(concurrent - limit);
		// Answered without waiting for the hang: well below the 2 s deadline, and without
		// calling the backend.
		assertThat(turnedAway).allSatisfy((feed) -> {
			assertThat(Duration.ofMillis(feed.elapsedMs())).isLessThan(Duration.ofSeconds(1));
			assertThat(feed.backendCalls()).isZero();
		});
	}

}
