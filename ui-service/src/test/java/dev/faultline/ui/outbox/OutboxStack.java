package dev.faultline.ui.outbox;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.testsupport.BackendProcess;
import dev.faultline.testsupport.RedisServer;
import dev.faultline.testsupport.SharedBackend;
import dev.faultline.testsupport.TestHttp;
import dev.faultline.ui.UiApplication;
import dev.faultline.ui.shared.SharedLink;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the outbox's tests against real processes share: a real {@code redis-server}, the
 * real backend jar (the {@link SharedBackend}), UI replicas started in this JVM against
 * both with a small cap, and a browser's view of them (the page's form, a post, the key
 * on the page, what the backend stored). Each test class starts one and closes it.
 */
final class OutboxStack implements AutoCloseable {

	/** The cap here: a few posts reach it. */
	static final int MAX_WAITING = 4;

	/** A poll a second and a 1 s first backoff: a few seconds, bounded generously. */
	static final Duration DELIVERED_WITHIN = Duration.ofSeconds(20);

	/** What the page says when a post was refused at the cap. */
	static final String QUEUE_FULL = "The queue is full: " + MAX_WAITING + " posts already wait";

	/** What the page says when a key came back with another text. */
	static final String KEY_REUSED = "already sent once with a different text";

	private static final Pattern HIDDEN = Pattern.compile("name=\"(_csrf|idempotencyKey)\"[^>]*value=\"([^\"]+)\"");

	private final RedisServer redis;

	private final BackendProcess backend;

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private OutboxStack(RedisServer redis, BackendProcess backend) {
		this.redis = redis;
		this.backend = backend;
	}

	/**
	 * Starts Redis for the test class and takes the {@link SharedBackend}, or skips the
	 * class when either cannot run here.
	 */
	static OutboxStack startOrSkip(Class<?> testClass) {
		RedisServer redis = RedisServer.startOrSkip(testClass);
		try {
			return new OutboxStack(redis, SharedBackend.startOrSkip(testClass));
		}
		catch (RuntimeException ex) {
			redis.close();
			throw ex;
		}
	}

	RedisServer redis() {
		return this.redis;
	}

	BackendProcess backend() {
		return this.backend;
	}

	/**
	 * Starts a UI replica sharing this Redis and backend, and returns once its link to
	 * Redis is up; more settings may follow as startup arguments.
	 */
	ConfigurableApplicationContext startUi(String replicaId, String... settings) {
		List<String> args = List.of("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
				"--faultline.backend.base-url=" + this.backend.apiUrl(),
				"--faultline.backend.management-url=" + this.backend.managementUrl(), "--faultline.shared.enabled=true",
				"--faultline.shared.replica-id=" + replicaId, "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + this.redis.port(),
				// 30 s in application.yml: a dead replica's posts are taken
				// over sooner here.
				"--faultline.outbox.claim-after=2s",
				// 500 in application.yml; a few posts reach this one.
				"--faultline.outbox.max-waiting=" + MAX_WAITING);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(UiApplication.class).profiles("test")
			.run(Stream.concat(args.stream(), Stream.of(settings)).toArray(String[]::new));
		this.replicas.add(context);
		until(() -> context.getBean(SharedLink.class).status() == SharedLink.Status.CONNECTED, Duration.ofSeconds(15),
				"the link to Redis");
		return context;
	}

	/** A browser of its own (its own session) on the replica. */
	TestHttp browser(ConfigurableApplicationContext replica) {
		return TestHttp
			.browserTo("http://127.0.0.1:" + ((WebServerApplicationContext) replica).getWebServer().getPort());
	}

	/** Posts as a browser does: the page's CSRF token and idempotency key, level full. */
	HttpResponse<String> post(TestHttp browser, String text) {
		return submit(browser, form(browser, text));
	}

	/** The page's form with its CSRF token and idempotency key, filled in. */
	Map<String, String> form(TestHttp browser, String text) {
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
	HttpResponse<String> submit(TestHttp browser, Map<String, String> form) {
		return submit(browser, form, "full");
	}

	/** Sends the form at the level. */
	HttpResponse<String> submit(TestHttp browser, Map<String, String> form, String level) {
		String body = form.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return browser.send("POST", "/messages?level=" + level, body, "Content-Type",
				"application/x-www-form-urlencoded");
	}

	/** The idempotency key of the form on the page. */
	String keyOn(String page) {
		Matcher hidden = HIDDEN.matcher(page);
		while (hidden.find()) {
			if (hidden.group(1).equals("idempotencyKey")) {
				return hidden.group(2);
			}
		}
		throw new AssertionError("No idempotency key on the page");
	}

	void awaitStored(String text) {
		until(() -> stored(text) >= 1, DELIVERED_WITHIN, "the post stored by the backend");
	}

	/** How many of the backend's newest messages have the text. */
	long stored(String text) {
		return storedTexts().stream().filter(text::equals).count();
	}

	/** The texts of the backend's newest 100 messages, newest first. */
	List<String> storedTexts() {
		try {
			JsonNode messages = new ObjectMapper()
				.readTree(this.backend.api().get("/api/messages?limit=100", "Accept", "application/json").body());
			List<String> texts = new ArrayList<>();
			for (JsonNode message : messages) {
				texts.add(message.path("text").asText());
			}
			return texts;
		}
		catch (IOException ex) {
			throw new AssertionError("The backend's message list is not JSON", ex);
		}
	}

	void until(BooleanSupplier condition, Duration within, String what) {
		await(what).atMost(within).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
	}

	/**
	 * Stops every replica started here, then Redis; the backend is shared and stays.
	 */
	@Override
	public void close() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
		this.redis.close();
	}

}
