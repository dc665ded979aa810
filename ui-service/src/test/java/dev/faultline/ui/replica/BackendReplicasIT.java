package dev.faultline.ui.replica;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.testsupport.BackendProcess;
import dev.faultline.testsupport.BackendReplicas;
import dev.faultline.testsupport.TestHttp;
import dev.faultline.ui.UiApplication;
import dev.faultline.ui.backend.BackendProperties;
import dev.faultline.ui.backend.Replica;
import dev.faultline.ui.replica.ReplicaState.Status;
import dev.faultline.ui.testsupport.FeedJson;
import dev.faultline.ui.testsupport.ResilienceState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The UI in front of three real backend jars that share one real PostgreSQL, over real
 * HTTP: what "kill a backend on stage, nobody notices" rests on. Reads spread over the
 * three and see the same data; one post sent to all three at once with one
 * {@code Idempotency-Key} is stored once; a replica killed with SIGKILL while reads run
 * costs level {@code full} no read (retry elsewhere, then ejection) while level
 * {@code none} loses some; a stopped replica (SIGSTOP) is hedged around and ejected; a
 * replica answering 500s is retried elsewhere; each comes back by itself once healed. The
 * backends are {@link BackendReplicas}, shared with the rehearsal. Skipped, with the
 * reason printed, without the backend jar or Debian's PostgreSQL. Bounds are loose on
 * purpose: the suite runs on a busy two-core machine.
 */
class BackendReplicasIT {

	private static final int REPLICAS = BackendReplicas.COUNT;

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static BackendReplicas replicas;

	private static List<BackendProcess> backends;

	private static ConfigurableApplicationContext ui;

	private static TestHttp browser;

	@BeforeAll
	static void startTheUiInFrontOfThreeBackendsOnOneDatabase() {
		replicas = BackendReplicas.startOrSkip(BackendReplicasIT.class);
		backends = replicas.backends();
		ui = new SpringApplicationBuilder(UiApplication.class).run("--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off", "--server.shutdown=immediate",
				"--faultline.backend.replicas=" + replicas.apiUrls());
		browser = TestHttp.to("http://127.0.0.1:" + ((WebServerApplicationContext) ui).getWebServer().getPort());
	}

	@AfterAll
	static void stopTheUiAndHealTheBackends() {
		if (ui != null) {
			ui.close();
		}
		if (replicas != null) {
			replicas.reviveAll();
		}
	}

	@BeforeEach
	void everyReplicaHealthyAndInRotation() {
		replicas.reviveAll();
		ResilienceState.reset(ui);
	}

	@Test
	void readsSpreadOverTheThreeReplicasAndEachServesWhatAnyOfThemStored() {
		String text = "stored through replica 1 " + UUID.randomUUID();
		HttpResponse<String> posted = post(backends.get(0), text, UUID.randomUUID().toString());
		assertThat(posted.statusCode()).isEqualTo(201);

		List<FeedJson> feeds = new ArrayList<>();
		for (int i = 0; i < 3 * REPLICAS; i++) {
			feeds.add(feed("full"));
		}

		assertThat(feeds).allSatisfy((feed) -> {
			assertThat(feed.source()).isEqualTo("live");
			assertThat(feed.messages()).anySatisfy((message) -> assertThat(message.get("text")).isEqualTo(text));
		});
		assertThat(feeds.stream().map(FeedJson::replica).distinct()).containsExactlyInAnyOrderElementsOf(ids());
	}

	@Test
	void onePostSentToEveryReplicaAtOnceWithOneIdempotencyKeyIsStoredOnce() throws Exception {
		String key = UUID.randomUUID().toString();
		String text = "sent three times " + key;
		CountDownLatch ready = new CountDownLatch(1);
		ExecutorService senders = Executors.newFixedThreadPool(REPLICAS);
		try {
			List<Future<HttpResponse<String>>> answers = new ArrayList<>();
			for (BackendProcess backend : backends) {
				answers.add(senders.submit(() -> {
					ready.await();
					return post(backend, text, key);
				}));
			}
			ready.countDown();
			List<JsonNode> bodies = new ArrayList<>();
			for (Future<HttpResponse<String>> answer : answers) {
				HttpResponse<String> response = answer.get();
				assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
				bodies.add(JSON.readTree(response.body()));
			}
			assertThat(bodies.stream().map((body) -> body.path("id").asText()).distinct()).hasSize(1);
		}
		finally {
			senders.shutdownNow();
		}

		for (BackendProcess backend : backends) {
			JsonNode stored = JSON.readTree(backend.api().get("/api/messages?limit=100").body());
			assertThat(stored.findValuesAsText("text")).as(backend.apiUrl()).containsOnlyOnce(text);
		}
	}

	@Test
	void aReplicaKilledWhileReadsRunCostsLevelFullNoReadAndLevelNoneSome() throws Exception {
		BackendProcess victim = backends.get(1);
		List<FeedJson> full = new ArrayList<>();
		List<Integer> none = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			full.add(feed("full"));
			none.add(browser.get("/api/feed?level=none", "Accept", "application/json").statusCode());
		}
		victim.kill();
		for (int i = 0; i < 30; i++) {
			full.add(feed("full"));
			none.add(browser.get("/api/feed?level=none", "Accept", "application/json").statusCode());
		}

		assertThat(full).allSatisfy((feed) -> assertThat(feed.source()).isEqualTo("live"));
		// Level none answers a failed read with a 502 problem: it has nothing else to
		// give.
		long lost = none.stream().filter((status) -> status != 200).count();
		assertThat(lost).as("level none's reads lost to the dead replica").isBetween(3L, 25L);
		assertThat(rotation(victim)).isEqualTo(Status.EJECTED);

		victim.revive();
		await().atMost(PATIENCE).untilAsserted(() -> {
			feed("full");
			assertThat(rotation(victim)).isEqualTo(Status.IN_ROTATION);
		});
	}

	@Test
	void aStoppedReplicaIsHedgedAroundUntilItIsOutOfRotation() {
		BackendProcess victim = backends.get(2);
		Duration readTimeout = ui.getBean(BackendProperties.class).readTimeout();
		victim.pause();
		List<FeedJson> full = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			full.add(feed("full"));
		}

		assertThat(full).allSatisfy((feed) -> {
			assertThat(feed.source()).isEqualTo("live");
			assertThat(Duration.ofMillis(feed.elapsedMs())).isLessThan(readTimeout);
		});
		assertThat(full).filteredOn((feed) -> feed.backendCalls() == 2).isNotEmpty();
		assertThat(rotation(victim)).isEqualTo(Status.EJECTED);

		victim.resume();
		await().atMost(PATIENCE).untilAsserted(() -> {
			feed("full");
			assertThat(rotation(victim)).isEqualTo(Status.IN_ROTATION);
		});
	}

	@Test
	void aReplicaAnswering500sIsRetriedOnAnotherAndEjected() {
		BackendProcess victim = backends.get(0);
		assertThat(victim.management("PUT", "/chaos/error?status=500")).isBetween(200, 299);
		List<FeedJson> retry = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			retry.add(feed("retry"));
		}

		assertThat(retry).allSatisfy((feed) -> {
			assertThat(feed.source()).isEqualTo("live");
			assertThat(feed.replica()).isNotEqualTo(id(victim));
		});
		assertThat(retry).filteredOn((feed) -> feed.backendCalls() == 2).isNotEmpty();
		assertThat(rotation(victim)).isEqualTo(Status.EJECTED);
	}

	private static HttpResponse<String> post(BackendProcess backend, String text, String key) {
		String body = "{\"author\":\"replicas\",\"text\":\"" + text + "\"}";
		return backend.api()
			.send("POST", "/api/messages", body, "Content-Type", "application/json", "Idempotency-Key", key);
	}

	private static FeedJson feed(String level) {
		HttpResponse<String> response = browser.get("/api/feed?level=" + level, "Accept", "application/json");
		assertThat(response.statusCode()).as("feed at " + level + ": " + response.body()).isEqualTo(200);
		try {
			return JSON.readValue(response.body(), FeedJson.class);
		}
		catch (IOException ex) {
			throw new AssertionError("Not a feed: " + response.body(), ex);
		}
	}

	private static Status rotation(BackendProcess backend) {
		return ui.getBean(ReplicaEjection.class)
			.states()
			.stream()
			.filter((state) -> state.replica().equals(id(backend)))
			.findFirst()
			.orElseThrow()
			.rotation();
	}

	private static String id(BackendProcess backend) {
		return Replica.at(URI.create(backend.apiUrl())).id();
	}

	private static List<String> ids() {
		return backends.stream().map(BackendReplicasIT::id).toList();
	}

}
