package dev.faultline.ui.outbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.testsupport.TestHttp;
import dev.faultline.ui.testsupport.Deadlines;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queued writes against the real backend jar and a real {@code redis-server}: a post the
 * backend cannot take is queued, shown as pending, and stored exactly once when the
 * backend is back, even when a delivery failed after the backend had committed, and even
 * when the UI that queued it restarted in between. The same form sent again is queued
 * once; sent again with an edited text, it is refused and given a new key. At the cap, a
 * post is refused on every replica and kept in the form, and nothing queued is dropped.
 * Delivery times are printed for the closing note; the assertions are bounds.
 */
class OutboxIT {

	private static OutboxStack stack;

	private static ConfigurableApplicationContext ui;

	@BeforeAll
	static void startRedisBackendAndUi() throws Exception {
		stack = OutboxStack.startOrSkip(OutboxIT.class);
		ui = startUi();
	}

	@AfterAll
	static void stopEverything() {
		if (stack != null) {
			stack.close();
		}
	}

	@AfterEach
	void chaosOff() {
		stack.backend().management("DELETE", "/chaos");
	}

	@Test
	void aPostMadeDuringAnOutageIsQueuedShownAndStoredOnceWhenTheBackendIsBack() {
		assertThat(stack.backend().management("PUT", "/chaos/down")).isEqualTo(200);
		String text = "queued during the outage " + UUID.randomUUID();

		TestHttp browser = browser();
		HttpResponse<String> answer = stack.post(browser, text);

		assertThat(answer.statusCode()).isEqualTo(302);
		String page = browser.get(answer.headers().firstValue("Location").orElseThrow()).body();
		assertThat(page).contains("so it is queued");
		assertThat(waitingOn(page)).contains(text).contains("queued");
		long off = System.nanoTime();
		stack.backend().management("DELETE", "/chaos");
		stack.awaitStored(text);
		System.out.printf("Outbox: stored %d ms after the backend came back%n",
				Duration.ofNanos(System.nanoTime() - off).toMillis());
		assertThat(stack.stored(text)).isEqualTo(1);
		stack.until(() -> !waitingOn(browser.get("/?level=full").body()).contains(text), Duration.ofSeconds(10),
				"the page no longer shows the post as waiting");
		assertThat(stack.stored(text)).isEqualTo(1);
	}

	@Test
	void aDeliveryThatFailsAfterTheBackendCommittedIsStillStoredExactlyOnce() {
		// Every POST is stored, then its answer is cut short: the UI cannot know it
		// arrived.
		assertThat(stack.backend().management("PUT", "/chaos/truncate?methods=POST")).isEqualTo(200);
		String text = "committed, then cut " + UUID.randomUUID();

		HttpResponse<String> answer = stack.post(browser(), text);

		assertThat(answer.statusCode()).isEqualTo(302);
		// While the fault stays, every delivery (same key) finds the first copy.
		await().atMost(OutboxStack.DELIVERED_WITHIN).until(() -> truncatedAnswers() >= 2);
		stack.backend().management("DELETE", "/chaos");
		stack.awaitStored(text);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(stack.stored(text)).isEqualTo(1));
	}

	@Test
	void queuedPostsSurviveARestartOfTheUiThatQueuedThem() {
		assertThat(stack.backend().management("PUT", "/chaos/down")).isEqualTo(200);
		String text = "survives a restart " + UUID.randomUUID();
		assertThat(stack.post(browser(), text).statusCode()).isEqualTo(302);

		ui.close();
		ui = startUi();
		stack.backend().management("DELETE", "/chaos");

		stack.awaitStored(text);
		assertThat(stack.stored(text)).isEqualTo(1);
	}

	@Test
	void aPostAReplicaDeliveredButDiedBeforeAcknowledgingIsTakenOverAndStoredOnce() throws Exception {
		// A replica took the post from the stream and delivered it, then died before
		// acknowledging it: the post is still pending, on a consumer that is gone.
		String key = UUID.randomUUID().toString();
		String text = "delivered by a replica that died " + UUID.randomUUID();
		QueuedPost post = QueuedPost.queued(new dev.faultline.ui.backend.NewMessage("Grace", text), key, "full",
				System.currentTimeMillis());
		OutboxProperties outbox = ui.getBean(OutboxProperties.class);
		stack.redis().command("HSET", outbox.posts(), key, new ObjectMapper().writeValueAsString(post));
		stack.redis().command("XADD", outbox.stream(), "*", "key", key);
		stack.redis()
			.command("XREADGROUP", "GROUP", outbox.group(), "ui-that-died", "COUNT", "100", "STREAMS", outbox.stream(),
					">");
		HttpResponse<String> delivered = stack.backend()
			.api()
			.send("POST", "/api/messages", "{\"author\": \"Grace\", \"text\": \"" + text + "\"}", "Content-Type",
					"application/json", "Idempotency-Key", key);
		assertThat(delivered.statusCode()).isEqualTo(201);

		// This UI takes it over once it has been idle for claim-after (2 s here), and
		// delivers it again, with the same key: the backend answers with the first copy.
		stack.until(() -> !stack.redis().command("HEXISTS", outbox.posts(), key).contains("1"),
				OutboxStack.DELIVERED_WITHIN, "the post taken over and settled");
		assertThat(stack.stored(text)).isEqualTo(1);
	}

	@Test
	void aPostBeyondTheCapIsRefusedOnEveryReplicaKeptInTheFormAndNothingIsDropped() {
		OutboxProperties outbox = ui.getBean(OutboxProperties.class);
		// Earlier tests' posts delivered first: the cap counts every replica's posts.
		stack.until(() -> "0".equals(stack.redis().command("XLEN", outbox.stream())), OutboxStack.DELIVERED_WITHIN,
				"an empty outbox");
		assertThat(stack.backend().management("PUT", "/chaos/down")).isEqualTo(200);
		ConfigurableApplicationContext other = stack.startUi("ui-outbox-2");
		try {
			TestHttp here = stack.browser(ui);
			TestHttp there = stack.browser(other);
			String run = UUID.randomUUID().toString();
			for (int i = 0; i < OutboxStack.MAX_WAITING; i++) {
				TestHttp replica = (i % 2 == 0) ? here : there;
				assertThat(stack.post(replica, "waiting " + i + " " + run).statusCode()).as("post %d queued", i)
					.isEqualTo(302);
			}
			String beyond = "one too many " + run;

			for (TestHttp replica : List.of(here, there)) {
				Map<String, String> form = stack.form(replica, beyond);
				HttpResponse<String> refused = stack.submit(replica, form);

				assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
				assertThat(refused.body()).contains(OutboxStack.QUEUE_FULL).contains(beyond);
				assertThat(stack.keyOn(refused.body())).as("the same key: sending it again cannot store it twice")
					.isEqualTo(form.get("idempotencyKey"));
			}
			assertThat(stack.redis().command("XLEN", outbox.stream()))
				.isEqualTo(String.valueOf(OutboxStack.MAX_WAITING));

			stack.backend().management("DELETE", "/chaos");
			for (int i = 0; i < OutboxStack.MAX_WAITING; i++) {
				stack.awaitStored("waiting " + i + " " + run);
			}
			assertThat(stack.stored(beyond)).as("the refused post was not queued").isZero();
			for (int i = 0; i < OutboxStack.MAX_WAITING; i++) {
				assertThat(stack.stored("waiting " + i + " " + run)).isEqualTo(1);
			}
		}
		finally {
			other.close();
		}
	}

	@Test
	void aKeyQueuedWithAnotherTextIsRefusedWithANewKeyAndTheSameTextIsQueuedOnce() {
		OutboxProperties outbox = ui.getBean(OutboxProperties.class);
		assertThat(stack.backend().management("PUT", "/chaos/down")).isEqualTo(200);
		TestHttp browser = browser();
		String first = "the first text " + UUID.randomUUID();
		String edited = "the edited text " + UUID.randomUUID();
		Map<String, String> form = stack.form(browser, first);
		assertThat(stack.submit(browser, form).statusCode()).isEqualTo(302);

		Map<String, String> sameKey = new LinkedHashMap<>(form);
		sameKey.put("text", edited);
		HttpResponse<String> refused = stack.submit(browser, sameKey);

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
		assertThat(refused.body()).contains(OutboxStack.KEY_REUSED).contains(edited);
		assertThat(stack.keyOn(refused.body())).as("a new key for the new text")
			.isNotEqualTo(form.get("idempotencyKey"));

		HttpResponse<String> again = stack.submit(browser, form);
		assertThat(again.statusCode()).as("the same form again is still queued").isEqualTo(302);
		assertThat(streamEntriesOf(outbox, form.get("idempotencyKey"))).isEqualTo(1);

		stack.backend().management("DELETE", "/chaos");
		stack.awaitStored(first);
		stack.until(() -> !"1".equals(stack.redis().command("HEXISTS", outbox.posts(), form.get("idempotencyKey"))),
				OutboxStack.DELIVERED_WITHIN, "the queued post settled");
		assertThat(stack.stored(first)).isEqualTo(1);
		assertThat(stack.stored(edited)).isZero();
	}

	@Test
	void theDeliverersTimeLimiterIsTheYamlsDeadlineNotSpringCloudsSilentSecond() {
		TimeLimiterRegistry timeLimiters = ui.getBean(TimeLimiterRegistry.class);
		assertThat(stack.backend().management("PUT", "/chaos/down")).isEqualTo(200);
		stack.post(browser(), "makes the deliverer create its breaker " + UUID.randomUUID());
		stack.backend().management("DELETE", "/chaos");

		stack.until(() -> timeLimiters.find(OutboxDeliverer.INSTANCE).isPresent(), OutboxStack.DELIVERED_WITHIN,
				"the outbox's time limiter");
		assertThat(
				timeLimiters.find(OutboxDeliverer.INSTANCE).orElseThrow().getTimeLimiterConfig().getTimeoutDuration())
			.isEqualTo(Deadlines.configured(ui.getEnvironment()));
	}

	private static ConfigurableApplicationContext startUi() {
		return stack.startUi("ui-outbox");
	}

	private static TestHttp browser() {
		return stack.browser(ui);
	}

	/** How many entries of the outbox's stream name the key. */
	private static int streamEntriesOf(OutboxProperties outbox, String key) {
		return stack.redis().command("XRANGE", outbox.stream(), "-", "+").split(Pattern.quote(key), -1).length - 1;
	}

	/** The page's "Waiting to be delivered" list, or nothing. */
	private static String waitingOn(String page) {
		int start = page.indexOf("id=\"queue-title\"");
		return (start >= 0) ? page.substring(start, page.indexOf("</section>", start)) : "";
	}

	/** How many answers the backend's truncate fault has cut so far. */
	private static long truncatedAnswers() throws Exception {
		String state = TestHttp.to(stack.backend().managementUrl()).get("/chaos").body();
		for (JsonNode fault : new ObjectMapper().readTree(state).path("faults")) {
			if ("truncate".equals(fault.path("fault").asText())) {
				return fault.path("faultsInjected").asLong();
			}
		}
		return 0;
	}

}
