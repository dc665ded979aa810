package dev.faultline.ui.message;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messages page in a real browser's shoes: where the data came from, escaped text,
 * the CSRF-protected form, validation next to the fields, the form kept on failure, and
 * idempotent posting.
 */
class MessagesPageIntegrationTests extends AbstractUiIntegrationTests {

	private static final Pattern HIDDEN = Pattern.compile("name=\"(_csrf|idempotencyKey)\"[^>]*value=\"([^\"]+)\"");

	private static final String CREATED = """
			{"id": 9, "author": "Grace", "text": "Hello", "createdAt": "2026-01-01T12:00:00Z"}""";

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	@Test
	void showsLiveMessagesEscapedWithTheirSource() throws Exception {
		backend
			.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("<script>alert(1)</script>", "plain")));

		String page = open("/").body();

		assertThat(page).contains("source-live")
			.contains("Live from the backend")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)</script>")
			.contains("2026-01-01");
	}

	@Test
	void aLongMessageListStillRendersTheFormWithItsCsrfToken() throws Exception {
		String[] long280 = new String[20];
		java.util.Arrays.fill(long280, "m".repeat(280));
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages(long280)));

		HttpResponse<String> page = open("/");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(formOf(page.body())).containsKey("_csrf");
	}

	@Test
	void statesTheCacheAgeAndReasonWhenServedFromCache() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("remembered")));
		open("/?level=full");
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(503)));

		String page = open("/?level=full").body();

		assertThat(page).contains("source-cache")
			.containsPattern("Served from cache, \\d+ s old, because: backend error")
			.contains("remembered");
	}

	@Test
	void unprotectedLevelShowsAnErrorPageWhenTheBackendFails() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(500)));

		HttpResponse<String> page = open("/?level=none");

		assertThat(page.statusCode()).isEqualTo(502);
		assertThat(page.body()).contains("Level none has no timeout").doesNotContain("Exception");
	}

	@Test
	void unknownLevelIsABadRequest() throws Exception {
		assertThat(open("/?level=bogus").statusCode()).isEqualTo(400);
	}

	@Test
	void postingWithoutTheCsrfTokenIsForbidden() throws Exception {
		HttpResponse<String> response = submit(Map.of("author", "Mallory", "text", "forged"));

		assertThat(response.statusCode()).isEqualTo(403);
		backend.verify(exactly(0), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));
	}

	@Test
	void postingSendsTheFormsIdempotencyKeyAndRedirectsWithAFlashMessage() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).willReturn(created()));
		Map<String, String> form = formOf(open("/").body());
		form.put("author", "Grace");
		form.put("text", "Hello");

		HttpResponse<String> response = submit(form);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("level=full"));
		backend.verify(exactly(1),
				postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES))
					.withHeader("Idempotency-Key", equalTo(form.get("idempotencyKey")))
					.withRequestBody(equalToJson("{\"author\": \"Grace\", \"text\": \"Hello\"}")));
		assertThat(open(response.headers().firstValue("Location").orElseThrow()).body())
			.contains("Your message was posted.");
	}

	@Test
	void invalidInputIsShownNextToTheFieldsAndTheFormKept() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		Map<String, String> form = formOf(open("/").body());
		form.put("author", " ");
		form.put("text", "kept text");

		HttpResponse<String> response = submit(form);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("field-error")
			.contains("must contain a visible character")
			.contains("kept text");
		backend.verify(exactly(0), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));
	}

	@Test
	void backendRulesAreShownNextToTheFields() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/problem+json")
			.withBody(
					"{\"status\":400,\"errors\":[{\"field\":\"text\",\"rule\":\"banned-word\",\"message\":\"must be polite\"}]}")));
		Map<String, String> form = formOf(open("/").body());
		form.put("author", "Grace");
		form.put("text", "rude words");

		HttpResponse<String> response = submit(form);

		assertThat(response.body()).contains("must be polite").contains("rude words");
	}

	@Test
	void failedPostKeepsTheFormFilledWithTheSameKeySoResubmittingStoresItOnce() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).inScenario("outage")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("back"));
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).inScenario("outage")
			.whenScenarioStateIs("back")
			.willReturn(created()));
		// Level timeout has no retry, so the user sees the first failure.
		Map<String, String> form = formOf(open("/?level=timeout").body());
		form.put("author", "Grace");
		form.put("text", "Do not lose me");

		HttpResponse<String> failed = submit(form, "timeout");

		assertThat(failed.statusCode()).isEqualTo(200);
		assertThat(failed.body()).contains("The backend failed. Your message is still here").contains("Do not lose me");
		Map<String, String> again = formOf(failed.body());
		assertThat(again.get("idempotencyKey")).isEqualTo(form.get("idempotencyKey"));
		again.put("author", "Grace");
		again.put("text", "Do not lose me");
		HttpResponse<String> resubmitted = submit(again, "timeout");
		assertThat(resubmitted.statusCode()).as(resubmitted.body()).isEqualTo(302);
		backend.verify(exactly(2), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)).withHeader("Idempotency-Key",
				equalTo(form.get("idempotencyKey"))));
	}

	@Test
	void anAuthorOfZeroWidthAndNoBreakSpacesIsBlankAndFortyEmojiFit() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).willReturn(created()));
		Map<String, String> form = formOf(open("/").body());
		form.put("author", "\u200B\u00A0");
		form.put("text", "\u202Eevil");

		String page = submit(form).body();

		assertThat(page).contains("must contain a visible character")
			.contains("must not contain control characters, bidi");
		backend.verify(exactly(0), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));

		Map<String, String> emoji = formOf(page);
		emoji.put("author", "\uD83D\uDE00".repeat(40));
		emoji.put("text", "\u00A0Hello\u3000");
		assertThat(submit(emoji).statusCode()).isEqualTo(302);
		backend.verify(exactly(1), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES))
			.withRequestBody(equalToJson("{\"author\": \"" + "\uD83D\uDE00".repeat(40) + "\", \"text\": \"Hello\"}")));
	}

	@Test
	void aKeyReusedWithAnEditedTextLeadsTheUserOutWithANewKey() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).inScenario("lost answer")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(422)
				.withHeader("Content-Type", "application/problem+json")
				.withBody("{\"status\":422,\"errors\":[{\"field\":\"Idempotency-Key\",\"rule\":\"same-request\","
						+ "\"message\":\"was used for a different request\"}]}"))
			.willSetStateTo("new key"));
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).inScenario("lost answer")
			.whenScenarioStateIs("new key")
			.willReturn(created()));
		Map<String, String> form = formOf(open("/").body());
		form.put("author", "Grace");
		form.put("text", "edited after a lost answer");

		HttpResponse<String> refused = submit(form);

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("already sent once with a different text")
			.contains("edited after a lost answer");
		Map<String, String> again = formOf(refused.body());
		assertThat(again.get("idempotencyKey")).isNotEqualTo(form.get("idempotencyKey"));
		again.put("author", "Grace");
		again.put("text", "edited after a lost answer");
		assertThat(submit(again).statusCode()).isEqualTo(302);
		backend.verify(exactly(1), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)).withHeader("Idempotency-Key",
				equalTo(again.get("idempotencyKey"))));
	}

	@Test
	void aBrokenIdempotencyKeyFieldIsExplainedAndReplaced() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		Map<String, String> form = formOf(open("/").body());
		form.put("idempotencyKey", "not a key");
		form.put("author", "Grace");
		form.put("text", "Hello");

		HttpResponse<String> response = submit(form);

		assertThat(response.body()).contains("broken submission key, so it has a new one").contains("Hello");
		assertThat(formOf(response.body()).get("idempotencyKey")).isNotEqualTo("not a key")
			.matches("[\\x21-\\x7E]{1,64}");
		backend.verify(exactly(0), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));
	}

	@Test
	void aMultipartPostIsA415AndAnOversizedFormA413NotACsrfRefusal() throws Exception {
		Map<String, String> form = formOf(open("/").body());
		HttpRequest multipart = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/messages"))
			.header("Content-Type", "multipart/form-data; boundary=x")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
					+ form.get("_csrf") + "\r\n--x--\r\n"))
			.build();
		HttpResponse<String> unsupported = this.browser.send(multipart, HttpResponse.BodyHandlers.ofString());
		assertThat(unsupported.statusCode()).isEqualTo(415);
		assertThat(unsupported.body()).contains("not an upload");
		assertThat(unsupported.headers().firstValue("Content-Security-Policy")).as("browser headers on the refusal too")
			.isPresent();

		form.put("author", "Grace");
		form.put("text", "x".repeat(64 * 1024));
		HttpResponse<String> tooLarge = submit(form);
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(tooLarge.body()).contains("too much to post");
		backend.verify(exactly(0), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));
	}

	@Test
	void theCsrfRefusalPageExplainsAndItsLinksCarryNoSessionId() throws Exception {
		open("/");
		HttpRequest forged = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/messages"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString("author=Mallory&text=forged"))
			.build();

		HttpResponse<String> refused = this.browser.send(forged, HttpResponse.BodyHandlers.ofString());

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("security token was missing").doesNotContain("jsessionid");
	}

	@Test
	void pagesSendAContentSecurityPolicyAReferrerPolicyAndASameSiteSessionCookie() throws Exception {
		HttpResponse<String> page = open("/");

		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(csp) -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		assertThat(page.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).contains("JSESSIONID").contains("SameSite=Lax"));
	}

	private static ResponseDefinitionBuilder created() {
		return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(CREATED);
	}

	private HttpResponse<String> open(String pathOrUrl) throws Exception {
		URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl)
				: URI.create("http://localhost:" + this.port + pathOrUrl);
		return this.browser.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> submit(Map<String, String> form) throws Exception {
		return submit(form, "full");
	}

	private HttpResponse<String> submit(Map<String, String> form, String level) throws Exception {
		String body = form.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/messages?level=" + level))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.browser.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The hidden fields of the page's form: the CSRF token and the idempotency key. */
	private static Map<String, String> formOf(String page) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher hidden = HIDDEN.matcher(page);
		while (hidden.find()) {
			fields.put(hidden.group(1), hidden.group(2));
		}
		assertThat(fields).containsKeys("_csrf", "idempotencyKey");
		return fields;
	}

}
