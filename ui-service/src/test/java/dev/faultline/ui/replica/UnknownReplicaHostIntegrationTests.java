package dev.faultline.ui.replica;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica whose host name does not resolve (in compose, one whose container is not up
 * yet) is no reason to refuse to start: the UI starts, names it in a warning, and serves
 * live reads from the replica that is there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class UnknownReplicaHostIntegrationTests {

	private static final String UNKNOWN = "http://no-such-replica.invalid:8081";

	private static final WireMockServer server = StubBackend.startOn(0);

	@Autowired
	private TestRestTemplate rest;

	@DynamicPropertySource
	static void pointAtOneGoodReplicaAndOneUnknown(DynamicPropertyRegistry registry) {
		registry.add("faultline.backend.replicas", () -> server.baseUrl() + "," + UNKNOWN);
	}

	@Test
	void theUiStartsWarnsAndReadsFromTheReplicaThatIsThere(CapturedOutput output) {
		server.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("still here")));
		for (int i = 0; i < 3; i++) {
			// The first calls of a fresh JVM pay for class loading and JIT.
			this.rest.getForObject("/api/feed?level={level}", FeedJson.class, ProtectionLevel.FULL.id());
		}

		for (int i = 0; i < 10; i++) {
			FeedJson feed = this.rest.getForObject("/api/feed?level={level}", FeedJson.class,
					ProtectionLevel.FULL.id());
			assertThat(feed.source()).isEqualTo("live");
			assertThat(feed.replica()).isEqualTo("localhost:" + server.port());
		}
		// Logged on the scheduler once the UI has started: perhaps not yet.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(output.getAll()).contains("Backend replica no-such-replica.invalid:8081")
				.contains("unknown host 'no-such-replica.invalid'"));
	}

}
