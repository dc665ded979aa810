package dev.faultline.ui.outbox;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.testsupport.BackendProcess;
import dev.faultline.testsupport.RedisServer;
import dev.faultline.testsupport.TestHttp;
import dev.faultline.ui.UiApplication;
import dev.faultline.ui.shared.SharedLink;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
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

	private static final Pattern HIDDEN = Pattern.compile("name=\"(_csrf|idempotencyKey)\"[^>]*value=\"([^\"]+)\"");

	/** A poll a second and a 1 s first backoff: a few seconds, bounded generously. */
	private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(20);

	/** The cap here: a few posts reach it. */
	private static final int MAX_WAITING = 4;

	private static RedisServer redis;

	private static BackendProcess backend;

	private static ConfigurableApplicationContext ui;

	@BeforeAll
	static void startRedisBackendAndUi() throws Exception {
		redis = RedisServer.startOrSkip(OutboxIT.class);
		backend = BackendProcess.startOrSkip(OutboxIT.class);
		ui = startUi();
	}

	@AfterAll
	static void stopEverything() {
		if (ui != null) {
			ui.close();
		}
		if (backend != null) {
			backend.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@AfterEach
	void chaosOff() {
		backend.management("DELETE", "/chaos");
	}

	@Test
	void aPostMadeDuringAnOutageIsQueuedShownAndStoredOnceWhenTheBackendIsBack() {
		assertThat(backend.management("PUT", "/chaos/down")).isEqualTo(200);
		String text = "queued during the outage " + UUID.randomUUID();

		TestHttp browser = browser();
		HttpResponse<String> answer = post(browser, text);

		assertThat(answer.statusCode()).isEqualTo(302);
		String page = browser.get(answer.headers().firstValue("Location").orElseThrow()).body();
		assertThat(page).contains("so it is queued");
		assertThat(waitingOn(page)).contains(text).contains("queued");
		long off = System.nanoTime();
		backend.management("DELETE", "/chaos");
		awaitStored(text);
		System.out.printf("Outbox: stored %d ms after the backend came back%n",
				Duration.ofNanos(System.nanoTime() - off).toMillis());
		assertThat(stored(text)).isEqualTo(1);
		until(() -> !waitingOn(browser.get("/?level=full").body()).contains(text), Duration.ofSeconds(10),
				"the page no longer shows the post as waiting");
		assertThat(stored(text)).isEqualTo(1);
	}

	@Test
	void aDeliveryThatFailsAfterTheBackendCommittedIsStillStoredExactlyOnce() {
		// Every POST is stored, then its answer is cut short: the UI cannot know it
		// arrived.
		assertThat(backend.management("PUT", "/chaos/truncate?methods=POST")).isEqualTo(200);
		String text = "committed, then cut " + UUID.randomUUID();

		HttpResponse<String> answer = post(browser(), text);

		assertThat(answer.statusCode()).isEqualTo(302);
		// While the fault stays, every delivery (same key) finds the first copy.
		sleep(Duration.ofSeconds(3));
		backend.management("DELETE", "/chaos");
		awaitStored(text);
		sleep(Duration.ofSeconds(2));
		assertThat(stored(text)).isEqualTo(1);
	}

	@Test
	void queuedPostsSurviveARestartOfTheUiThatQueuedThem() {
		assertThat(backend.management("PUT", "/chaos/down")).isEqualTo(200);
		String text = "survives a restart " + UUID.randomUUID();
		assertThat(post(browser(), text).statusCode()).isEqualTo(302);

		ui.close();
		ui = startUi();
		backend.management("DELETE", "/chaos");

		awaitStored(text);
		assertThat(stored(text)).isEqualTo(1);
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
		redis.command("HSET", outbox.posts(), key, new ObjectMapper().writeValueAsString(post));
		redis.command("XADD", outbox.stream(), "*", "key", key);
		redis.command("XREADGROUP", "GROUP", outbox.group(), "ui-that-died", "COUNT", "100", "STREAMS", outbox.stream(),
				">");
		HttpResponse<String> delivered = backend.api()
			.send("POST", "/api/messages", "{\"author\": \"Grace\", \"text\": \"" + text + "\"}", "Content-Type",
					"application/json", "Idempotency-Key", key);
		assertThat(delivered.statusCode()).isEqualTo(201);

		// This UI takes it over once it has been idle for claim-after (2 s here), and
		// delivers it again, with the same key: the backend answers with the first copy.
		until(() -> !redis.command("HEXISTS", outbox.posts(), key).contains("1"), DELIVERED_WITHIN,
				"the post taken over and settled");
		assertThat(stored(text)).isEqualTo(1);
	}

	@Test
	void aPostBeyondTheCapIsRefusedOnEveryReplicaKeptInTheFormAndNothingIsDropped() {
		OutboxProperties outbox = ui.getBean(OutboxProperties.class);
		// Earlier tests' posts delivered first: the cap counts every replica's posts.
		until(() -> "0".equals(redis.command("XLEN", outbox.stream())), DELIVERED_WITHIN, "an empty outbox");
		assertThat(backend.management("PUT", "/chaos/down")).isEqualTo(200);
		ConfigurableApplicationContext other = startUi("ui-outbox-2");
		try {
			TestHttp here = browser(ui);
			TestHttp there = browser(other);
			String run = UUID.randomUUID().toString();
			for (int i = 0; i < MAX_WAITING; i++) {
				TestHttp replica = (i % 2 == 0) ? here : there;
				assertThat(post(replica, "waiting " + i + " " + run).statusCode()).as("post %d queued", i)
					.isEqualTo(302);
			}
			String beyond = "one too many " + run;

			for (TestHttp replica : List.of(here, there)) {
				Map<String, String> form = form(replica, beyond);
				HttpResponse<String> refused = submit(replica, form);

				assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
				assertThat(refused.body()).contains("The queue is full: " + MAX_WAITING + " posts already wait")
					.contains(beyond);
				assertThat(keyOn(refused.body())).as("the same key: sending it again cannot store it twice")
					.isEqualTo(form.get("idempotencyKey"));
			}
			assertThat(redis.command("XLEN", outbox.stream())).isEqualTo(String.valueOf(MAX_WAITING));

			backend.management("DELETE", "/chaos");
			for (int i = 0; i < MAX_WAITING; i++) {
				awaitStored("waiting " + i + " " + run);
			}
			assertThat(stored(beyond)).as("the refused post was not queued").isZero();
			for (int i = 0; i < MAX_WAITING; i++) {
				assertThat(stored("waiting " + i + " " + run)).isEqualTo(1);
			}
		}
		finally {
			other.close();
		}
	}

	@Test
	void aKeyQueuedWithAnotherTextIsRefusedWithANewKeyAndTheSameTextIsQueuedOnce() {
		OutboxProperties outbox = ui.getBean(OutboxProperties.class);
		assertThat(backend.management("PUT", "/chaos/down")).isEqualTo(200);
		TestHttp browser = browser();
		String first = "the first text " + UUID.randomUUID();
		String edited = "the edited text " + UUID.randomUUID();
		Map<String, String> form = form(browser, first);
		assertThat(submit(browser, form).statusCode()).isEqualTo(302);

		Map<String, String> sameKey = new LinkedHashMap<>(form);
		sameKey.put("text", edited);
		HttpResponse<String> refused = submit(browser, sameKey);

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
		assertThat(refused.body()).contains("already sent once with a different text").contains(edited);
		assertThat(keyOn(refused.body())).as("a new key for the new text").isNotEqualTo(form.get("idempotencyKey"));

		HttpResponse<String> again = submit(browser, form);
		assertThat(again.statusCode()).as("the same form again is still queued").isEqualTo(302);
		assertThat(streamEntriesOf(outbox, form.get("idempotencyKey"))).isEqualTo(1);

		backend.management("DELETE", "/chaos");
		awaitStored(first);
		until(() -> !"1".equals(redis.command("HEXISTS", outbox.posts(), form.get("idempotencyKey"))), DELIVERED_WITHIN,
				"the queued post settled");
		assertThat(stored(first)).isEqualTo(1);
		assertThat(stored(edited)).isZero();
	}

	@Test
	void theDeliverersTimeLimiterIsTheYamlsDeadlineNotSpringCloudsSilentSecond() {
		TimeLimiterRegistry timeLimiters = ui.getBean(TimeLimiterRegistry.class);
		assertThat(backend.management("PUT", "/chaos/down")).isEqualTo(200);
		post(browser(), "makes the deliverer create its breaker " + UUID.randomUUID());
		backend.management("DELETE", "/chaos");

		until(() -> timeLimiters.find(OutboxDeliverer.INSTANCE).isPresent(), DELIVERED_WITHIN,
				"the outbox's time limiter");
		assertThat(
				timeLimiters.find(OutboxDeliverer.INSTANCE).orElseThrow().getTimeLimiterConfig().getTimeoutDuration())
			.isEqualTo(Duration.ofSeconds(2));
	}

	private static ConfigurableApplicationContext startUi() {
		return startUi("ui-outbox");
	}

	private static ConfigurableApplicationContext startUi(String replicaId) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(UiApplication.class).profiles("test")
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
					"--faultline.backend.base-url=" + backend.apiUrl(),
					"--faultline.backend.management-url=" + backend.managementUrl(), "--faultline.shared.enabled=true",
					"--faultline.shared.replica-id=" + replicaId, "--spring.data.redis.host=127.0.0.1",
					"--spring.data.redis.port=" + redis.port(),
					// 30 s in application.yml; a dead replica's posts are taken over
					// sooner here.
					"--faultline.outbox.claim-after=2s",
					// 500 in application.yml; a few posts reach this one.
					"--faultline.outbox.max-waiting=" + MAX_WAITING);
		until(() -> context.getBean(SharedLink.class).status() == SharedLink.Status.CONNECTED, Duration.ofSeconds(15),
				"the link to Redis");
		return context;
	}

	private static TestHttp browser() {
		return browser(ui);
	}

	private static TestHttp browser(ConfigurableApplicationContext replica) {
		return TestHttp
			.browserTo("http://127.0.0.1:" + ((WebServerApplicationContext) replica).getWebServer().getPort());
	}

	/** Posts as a browser does: the page's CSRF token and idempotency key, level full. */
	private static HttpResponse<String> post(TestHttp browser, String text) {
		return submit(browser, form(browser, text));
	}

	/** The page's form with its CSRF token and idempotency key, filled in. */
	private static Map<String, String> form(TestHttp browser, String text) {
		Map<String, String> form = new LinkedHashMap<>();
		Matcher hidden = HIDDEN.matcher(browser.get("/?level=full").body());
		while (hidden.find()) {
			form.put(hidden.group(1), hidden.group(2));
		}
		assertThat(form).containsKeys("_csrf", "idempotencyKey");
		form.put("author", "Grace");
		form.put("text", text);
		return form;
	}

	/** Sends the form at level full. */
	private static HttpResponse<String> submit(TestHttp browser, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return browser.send("POST", "/messages?level=full", body, "Content-Type", "application/x-www-form-urlencoded");
	}

	/** How many entries of the outbox's stream name the key. */
	private static int streamEntriesOf(OutboxProperties outbox, String key) {
		return redis.command("XRANGE", outbox.stream(), "-", "+").split(Pattern.quote(key), -1).length - 1;
	}

	/** The idempotency key of the form on the page. */
	private static String keyOn(String page) {
		Matcher hidden = HIDDEN.matcher(page);
		while (hidden.find()) {
			if (hidden.group(1).equals("idempotencyKey")) {
				return hidden.group(2);
			}
		}
		throw new AssertionError("No idempotency key on the page");
	}

	/** The page's "Waiting to be delivered" list, or nothing. */
	private static String waitingOn(String page) {
		int start = page.indexOf("id=\"queue-title\"");
		return (start >= 0) ? page.substring(start, page.indexOf("</section>", start)) : "";
	}

	private static void awaitStored(String text) {
		until(() -> stored(text) >= 1, DELIVERED_WITHIN, "the post stored by the backend");
	}

	/** How many of the backend's newest messages have the text. */
	private static long stored(String text) {
		try {
			JsonNode messages = new ObjectMapper()
				.readTree(backend.api().get("/api/messages?limit=100", "Accept", "application/json").body());
			long count = 0;
			for (JsonNode message : messages) {
				if (text.equals(message.path("text").asText())) {
					count++;
				}
			}
			return count;
		}
		catch (java.io.IOException ex) {
			throw new AssertionError("The backend's message list is not JSON", ex);
		}
	}

	private static void until(BooleanSupplier condition, Duration within, String what) {
		await(what).atMost(within).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

}
