package dev.faultline.ui;

import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.testsupport.BackendProcess;
import dev.faultline.testsupport.ErrorLog;
import dev.faultline.testsupport.HostileUnicode;
import dev.faultline.testsupport.HostileUnicode.Refused;
import dev.faultline.testsupport.RawHttp;
import dev.faultline.testsupport.SharedBackend;
import dev.faultline.testsupport.TestHttp;
import dev.faultline.text.MessageText;
import dev.faultline.ui.dashboard.ChaosActionsForTests;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.statistics.Statistics;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the UI's inputs over real HTTP, with the real backend behind it: the posting
 * form (hostile text, broken keys, missing tokens, wrong body types, unknown levels), the
 * feed and the page, and the dashboard controls. No input gets a 5xx or logs an ERROR; a
 * programmatic path answers a 4xx with problem+json naming the field; a refused post
 * stores nothing, an accepted one stores exactly the trimmed text, and nothing of a
 * refused class (tag characters, private use, unassigned, ...). Seeded.
 */
class UiFuzzIT {

	private static final Pattern HIDDEN = Pattern.compile("name=\"(_csrf|idempotencyKey)\"[^>]*value=\"([^\"]+)\"");

	private static final ObjectMapper JSON = new ObjectMapper();

	/** What the page says when a post timed out: it may or may not have been stored. */
	private static final String OUTCOME_UNKNOWN = "did not answer in time";

	private static BackendProcess backend;

	private static ConfigurableApplicationContext ui;

	private static ErrorLog errorLog;

	/** One visitor's browser: it keeps the session cookie. */
	private static TestHttp browser;

	private static long backendLogStart;

	@BeforeContainer
	static void startBothServices() throws Exception {
		backend = SharedBackend.startOrSkip(UiFuzzIT.class);
		backendLogStart = Files.size(backend.log());
		ui = new SpringApplicationBuilder(UiApplication.class).profiles("test")
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
					"--faultline.backend.base-url=" + backend.apiUrl(),
					"--faultline.backend.management-url=" + backend.managementUrl());
		browser = TestHttp.browserTo("http://127.0.0.1:" + ((WebServerApplicationContext) ui).getWebServer().getPort());
		errorLog = ErrorLog.open();
	}

	@AfterContainer
	static void stopBothServices() throws Exception {
		if (errorLog != null) {
			errorLog.close();
		}
		if (backend != null) {
			// The backend is a process of its own, shared with other classes: only
			// the ERROR lines written to its log while this class ran count.
			byte[] log = Files.readAllBytes(backend.log());
			String ours = new String(log, (int) Math.min(backendLogStart, log.length),
					(int) Math.max(0, log.length - backendLogStart), StandardCharsets.UTF_8);
			assertThat(ours.lines().filter((line) -> line.contains(" ERROR ")).toList()).as("backend ERROR lines")
				.isEmpty();
		}
		if (ui != null) {
			ui.close();
		}
	}

	/**
	 * Each try sees only the ERROR lines it caused itself; the property asserts there are
	 * none.
	 */
	@BeforeTry
	void forgetEarlierLines() {
		errorLog.clear();
	}

	@Property(tries = 250, seed = "20261129")
	void everyFormPostIsStoredAsTypedOrExplainedAndNothingStored(@ForAll("forms") FormPost post) throws Exception {
		Map<String, String> fields = hiddenFields(send("GET", "/", null, null, "text/html").body());
		post.fields().forEach((name, value) -> {
			if (value == null) {
				fields.remove(name);
			}
			else {
				fields.put(name, value);
			}
		});
		String body = fields.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		long before = newestId();

		HttpResponse<String> answer = send("POST", "/messages?level=" + post.level(), body, post.contentType(),
				"text/html");

		assertThat(answer.statusCode()).as("%s: %s", post, answer.body()).isLessThan(500);
		if (answer.statusCode() == 302) {
			JsonNode newest = newest();
			assertThat(newest.get("id").asLong()).as(post.toString()).isGreaterThanOrEqualTo(before);
			if (newest.get("id").asLong() > before) {
				assertThat(newest.get("author").asText()).isEqualTo(MessageText.trim(sent(fields.get("author"))));
				assertThat(newest.get("text").asText()).isEqualTo(MessageText.trim(sent(fields.get("text"))));
				for (String field : new String[] { "author", "text" }) {
					assertThat(newest.get(field).asText().codePoints().filter(HostileUnicode::neverStored).boxed())
						.as("%s refused categories in %s", field, post)
						.isEmpty();
				}
			}
		}
		else if (!answer.body().contains(OUTCOME_UNKNOWN)) {
			// A timed-out post may still be stored after the UI gave up: that is what its
			// key is for, and why the page
			// says so. Every other refusal stored nothing.
			assertThat(newestId()).as("nothing stored by a refused %s", post).isEqualTo(before);
			assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(post.toString())
				.startsWith("text/html");
		}
		assertThat(errorLog.errors()).as(post.toString()).isEmpty();
	}

	@Property(tries = 200, seed = "20261129")
	void everyReadIsAPageAFeedOrAProblemNamingTheLevel(@ForAll("reads") String pathAndQuery) throws Exception {
		HttpResponse<String> answer = send("GET", pathAndQuery, null, null, "*/*");

		assertThat(answer.statusCode()).as(pathAndQuery).isLessThan(500);
		if (answer.statusCode() >= 400 && pathAndQuery.startsWith("/api/")) {
			assertProblem(answer, pathAndQuery, List.of("level"));
		}
		assertThat(errorLog.errors()).as(pathAndQuery).isEmpty();
	}

	@Property(tries = 150, seed = "20261129")
	void everyDashboardControlIsTakenOrRefusedWithAProblem(@ForAll("controls") Control control) throws Exception {
		String token = tokenFromDashboard();

		HttpResponse<String> answer = send(control.method(), control.pathAndQuery(), null, null, "application/json",
				control.withToken() ? token : null);

		assertThat(answer.statusCode()).as("%s: %s", control, answer.body()).isLessThan(500);
		if (answer.statusCode() >= 400) {
			assertProblem(answer, control.toString(), List.of("action", "rate", "level"));
		}
		send("DELETE", "/dashboard/traffic", null, null, "application/json", token);
		backend.management("DELETE", "/chaos");
		assertThat(errorLog.errors()).as(control.toString()).isEmpty();
	}

	@Provide
	Arbitrary<FormPost> forms() {
		Arbitrary<String> text = Arbitraries.frequencyOf(
				Tuple.of(3, Arbitraries.strings().alpha().numeric().withChars(' ').ofMinLength(1).ofMaxLength(30)),
				Tuple.of(4, texts()), Tuple.of(1, Arbitraries.just((String) null)));
		Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(KEEP)),
				Tuple.of(2, Arbitraries.of("", " ", "not a key", "x".repeat(65), "\u00e4")),
				Tuple.of(1, Arbitraries.just((String) null)));
		Arbitrary<String> csrf = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(KEEP)),
				Tuple.of(1, Arbitraries.of("", "forged")), Tuple.of(1, Arbitraries.just((String) null)));
		Arbitrary<String> level = Arbitraries.frequencyOf(
				Tuple.of(8, Arbitraries.of("full", "none", "retry", "fallback")),
				Tuple.of(2, Arbitraries.of("", "bogus", "FULL", "full&level=none", "%00", "circuit%20breaker")));
		Arbitrary<String> type = Arbitraries
			.frequencyOf(Tuple.of(9, Arbitraries.just("application/x-www-form-urlencoded")), Tuple.of(1,
					Arbitraries.of("text/plain", "multipart/form-data; boundary=x", "application/json", "a/b/c")));
		return Combinators.combine(text, text, key, csrf, level, type).as((author, message, k, c, l, t) -> {
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put("author", author);
			fields.put("text", message);
			if (!KEEP.equals(k)) {
				fields.put("idempotencyKey", k);
			}
			if (!KEEP.equals(c)) {
				fields.put("_csrf", c);
			}
			return new FormPost(fields, l, t);
		});
	}

	/**
	 * A redirect names a path on whatever host the browser used, never one taken from the
	 * {@code Host} header, whatever that header holds; a {@code Host} Tomcat will not
	 * take is refused without a server error.
	 */
	@Property(tries = 60, seed = "20261203")
	void everyRedirectAfterAPostIsAPathWhateverTheHostHeaderSays(@ForAll("hosts") String host) throws Exception {
		RawHttp raw = RawHttp.toPort(((WebServerApplicationContext) ui).getWebServer().getPort());
		RawHttp.Answer page = raw.send("GET", "/?level=none", "Host", host, "Accept", "text/html");
		assertThat(page.status()).as("page for Host %s: %s", host, page.body()).isBetween(200, 499);
		Statistics.label("page answered").collect(page.status());
		if (page.status() == 200) {
			Map<String, String> fields = hiddenFields(page.body());
			fields.put("author", "Host fuzz");
			fields.put("text", "Redirect check");
			String form = fields.entrySet()
				.stream()
				.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			String session = page.header("Set-Cookie").map((cookie) -> cookie.split(";")[0]).orElse("");

			RawHttp.Answer posted = raw.sendWithBody("POST", "/messages?level=none", form, "Host", host, "Cookie",
					session, "Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html");

			assertThat(posted.status()).as("post for Host %s: %s", host, posted.body()).isBetween(200, 499);
			Statistics.label("post answered").collect(posted.status());
			if (posted.status() == 302) {
				assertThat(posted.header("Location")).as("Location for Host %s", host)
					.hasValueSatisfying((location) -> assertThat(location).startsWith("/").doesNotStartWith("//"));
			}
		}
		assertThat(errorLog.errors()).as(host).isEmpty();
	}

	@Provide
	Arbitrary<String> hosts() {
		return Arbitraries.oneOf(
				Arbitraries.of("evil.example", "evil.example:8080", "EVIL.EXAMPLE.", "[::1]:1", "127.0.0.1:1",
						"evil.example/path", "user@evil.example", "%65vil.example", "xn--80ak6aa92e.com", "a..b", ""),
				Arbitraries.strings().withChars("abcxyz019.-:[]_@/%").ofMinLength(1).ofMaxLength(40),
				Arbitraries.strings().withCharRange('a', 'z').ofLength(300).map((label) -> label + ".example"));
	}

	@Provide
	Arbitrary<String> reads() {
		Arbitrary<String> level = Arbitraries.oneOf(Arbitraries.of("full", "none", "timeout", "circuit-breaker"),
				texts().map((text) -> URLEncoder.encode(text, StandardCharsets.UTF_8)));
		return Combinators
			.combine(Arbitraries.of("/api/feed", "/", "/about"), level, Arbitraries.integers().between(0, 3))
			.as((path, l, shape) -> switch (shape) {
				case 0 -> path;
				case 1 -> path + "?level=" + l + "&level=full";
				default -> path + "?level=" + l;
			});
	}

	@Provide
	Arbitrary<Control> controls() {
		// Valid: every button's id; invalid: fault names that are no scenario, and worse.
		Arbitrary<String> action = Arbitraries.oneOf(Arbitraries.of(ChaosActionsForTests.ids()),
				Arbitraries.of("latency", "down", "", "HANG", "crash", "%20", "..", "a%3Bb"));
		Arbitrary<String> rate = Arbitraries.oneOf(Arbitraries.of("5", "20", "50"),
				Arbitraries.of("0", "-5", "1000", "5.0", "0x14", "", "abc", "99999999999"));
		Arbitrary<String> level = Arbitraries.of("full", "none", "bogus", "");
		return Combinators
			.combine(Arbitraries.integers().between(0, 4), action, rate, level, Arbitraries.of(true, true, true, false))
			.as((shape, a, r, l, token) -> switch (shape) {
				case 0, 1 -> new Control("POST", "/dashboard/chaos/" + a, token);
				case 2 -> new Control("POST", "/dashboard/traffic?rate=" + r + "&level=" + l, token);
				case 3 -> new Control("DELETE", "/dashboard/traffic", token);
				default -> new Control("GET", "/dashboard/stream?level=" + l + "&level=" + l, token);
			});
	}

	/**
	 * Strings that test the text rules: tricky code points, white space, lengths around
	 * the limits.
	 */
	private static Arbitrary<String> texts() {
		Arbitrary<String> tricky = Arbitraries
			.of('\u00A0', '\u200B', '\u202E', '\u2066', '\uD83D', '\uDE00', '\uFFFD', '\uFEFF', '\u0000', '\n', ' ',
					'\u3000', 'a', '<', '&', '%', '+', '\u200D', '\u200C', '\uFE0F', '\u00AD')
			.map(String::valueOf);
		return Arbitraries.oneOf(
				Arbitraries
					.frequencyOf(Tuple.of(3, Arbitraries.chars().all().map(String::valueOf)), Tuple.of(2, tricky),
							Tuple.of(2, refusedCodePoints().map(Character::toString)),
							Tuple.of(1,
									Arbitraries.of(HostileUnicode.SCOTLAND, HostileUnicode.FAMILY,
											HostileUnicode.BLACK_FLAG, HostileUnicode.CANCEL_TAG)))
					.list()
					.ofMaxSize(45)
					.map((parts) -> String.join("", parts)),
				Arbitraries.integers().between(38, 42).map("\uD83D\uDE00"::repeat),
				Arbitraries.integers().between(278, 282).map("y"::repeat),
				Arbitraries.of("Ada" + HostileUnicode.tags("AB"), HostileUnicode.tags("Ada"),
						"Ada " + HostileUnicode.SCOTLAND, "Ada\u200D", "\uFE0F"));
	}

	/**
	 * Code points of the classes the text rules refuse, every one of them possible: tag
	 * characters, other format characters, private use, unassigned, noncharacters.
	 */
	private static Arbitrary<Integer> refusedCodePoints() {
		return Arbitraries.oneOf(Arrays.stream(Refused.values())
			.map((refused) -> Arbitraries.integers().between(0, refused.size() - 1).map(refused::get))
			.toList());
	}

	/** Marks a hidden field that keeps the page's own value. */
	private static final String KEEP = "\u0001keep";

	/**
	 * What the server decodes from a value the client URL-encoded (an unpaired surrogate
	 * becomes "?").
	 */
	private static String sent(String value) {
		return URLDecoder.decode(URLEncoder.encode(value, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
	}

	private static void assertProblem(HttpResponse<String> answer, String what, List<String> fields) throws Exception {
		assertThat(answer.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(answer.body());
		assertThat(problem.path("status").asInt()).as(what).isEqualTo(answer.statusCode());
		assertThat(problem.path("detail").asText()).as(what).isNotBlank();
		if (problem.has("errors")) {
			assertThat(problem.get("errors").findValuesAsText("field")).as(what).isNotEmpty().isSubsetOf(fields);
		}
	}

	private static String tokenFromDashboard() throws Exception {
		Matcher token = Pattern.compile("data-csrf=\"([^\"]+)\"")
			.matcher(send("GET", "/dashboard", null, null, "text/html").body());
		assertThat(token.find()).isTrue();
		return token.group(1);
	}

	private static Map<String, String> hiddenFields(String page) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher hidden = HIDDEN.matcher(page);
		while (hidden.find()) {
			fields.put(hidden.group(1), hidden.group(2));
		}
		return fields;
	}

	private static long newestId() throws Exception {
		JsonNode newest = newest();
		return (newest != null) ? newest.get("id").asLong() : 0;
	}

	private static JsonNode newest() throws Exception {
		JsonNode list = JSON.readTree(backend.api().get("/api/messages?limit=1").body());
		return list.isEmpty() ? null : list.get(0);
	}

	private static HttpResponse<String> send(String method, String pathAndQuery, String body, String contentType,
			String accept) throws Exception {
		return send(method, pathAndQuery, body, contentType, accept, null);
	}

	private static HttpResponse<String> send(String method, String pathAndQuery, String body, String contentType,
			String accept, String csrfToken) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(browser.uri(pathAndQuery))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", accept)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (csrfToken != null) {
			request.header("X-CSRF-TOKEN", csrfToken);
		}
		// Read here, not by TestHttp: at most 1 MB, and nothing of an event stream.
		HttpResponse<InputStream> answer = browser.client()
			.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream in = answer.body()) {
			// An accepted event stream never ends: only its status and headers are read.
			boolean stream = answer.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
			String text = stream ? "" : new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
			return new TextResponse(answer, text);
		}
	}

	/** An answer whose body has been read as text, or left unread for an event stream. */
	private record TextResponse(HttpResponse<InputStream> raw, String text) implements HttpResponse<String> {

		@Override
		public int statusCode() {
			return this.raw.statusCode();
		}

		@Override
		public HttpRequest request() {
			return this.raw.request();
		}

		@Override
		public Optional<HttpResponse<String>> previousResponse() {
			return Optional.empty();
		}

		@Override
		public HttpHeaders headers() {
			return this.raw.headers();
		}

		@Override
		public String body() {
			return this.text;
		}

		@Override
		public Optional<SSLSession> sslSession() {
			return Optional.empty();
		}

		@Override
		public URI uri() {
			return this.raw.uri();
		}

		@Override
		public HttpClient.Version version() {
			return this.raw.version();
		}

	}

	/**
	 * One generated form post.
	 *
	 * @param fields the fields to change: a value, or {@code null} to leave the field out
	 * @param level the level query value
	 * @param contentType the body's type
	 */
	record FormPost(Map<String, String> fields, String level, String contentType) {
	}

	/**
	 * One generated dashboard control.
	 *
	 * @param method the HTTP method
	 * @param pathAndQuery where it goes
	 * @param withToken whether it carries the page's CSRF token
	 */
	record Control(String method, String pathAndQuery, boolean withToken) {
	}

}
