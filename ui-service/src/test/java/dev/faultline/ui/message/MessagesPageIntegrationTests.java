package dev.faultline.ui.message;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.faultline.testsupport.TestHttp;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.Deadlines;
import dev.faultline.ui.testsupport.StubBackend;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The messages page in a browser's shoes: where the data came from, escaped text, the
 * CSRF-protected form, validation next to the fields, the form kept on failure, and
 * idempotent posting. The page is asked through MockMvc, keeping one session like a
 * browser, with a valid CSRF token from {@code csrf()}; the stub backend stays a real
 * server. What only the servlet container does (error pages rendered after
 * {@code sendError}, the session cookie, a session created while a long page is written)
 * is asked over a real socket.
 */
@AutoConfigureMockMvc
class MessagesPageIntegrationTests extends AbstractUiIntegrationTests {

	private static final Pattern KEY_FIELD = Pattern.compile("name=\"idempotencyKey\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"[^\"]+\"");

	private static final String CREATED = """
			{"id": 9, "author": "Grace", "text": "Hello", "createdAt": "2026-01-01T12:00:00Z"}""";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TimeLimiterRegistry timeLimiters;

	/** The visitor's session, kept from page to page as a browser keeps its cookie. */
	private final MockHttpSession session = new MockHttpSession();

	@Test
	void showsLiveMessagesEscapedWithTheirSource() throws Exception {
		backend
			.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("<script>alert(1)</script>", "plain")));

		String page = body(open("/"));

		assertThat(page).contains("source-live")
			.contains("Live from the backend")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)</script>")
			.contains("2026-01-01");
	}

	@Test
	void theTimeoutHintStatesTheDeadlineOfTheTimeLimitersOnBothPages() throws Exception {
		// Whole seconds: how the hint prints the 2 s of application.yml.
		String hint = "a " + Deadlines.of(this.timeLimiters, ProtectionLevel.TIMEOUT).toSeconds()
				+ " s deadline for the whole call";

		assertThat(body(open("/?level=timeout"))).contains(hint);
		assertThat(this.ui.get("/about").body()).contains(hint);
	}

	@Test
	void aLongMessageListStillRendersTheFormWithItsCsrfToken() {
		String[] long280 = new String[20];
		java.util.Arrays.fill(long280, "m".repeat(280));
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages(long280)));

		// Over a real socket, on a first visit: the session that holds the token is
		// created while the page is written, which Tomcat refuses once the response is
		// committed.
		HttpResponse<String> page = this.ui.get("/");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).containsPattern(CSRF_FIELD).containsPattern(KEY_FIELD);
	}

	@Test
	void statesTheCacheAgeAndReasonWhenServedFromCache() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("remembered")));
		open("/?level=full");
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(503)));

		String page = body(open("/?level=full"));

		assertThat(page).contains("source-cache")
			.containsPattern("Served from cache, \\d+ s old, because: backend error")
			.contains("remembered");
	}

	@Test
	void unprotectedLevelShowsAnErrorPageWhenTheBackendFails() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(aResponse().withStatus(500)));

		MockHttpServletResponse page = open("/?level=none");

		assertThat(page.getStatus()).isEqualTo(502);
		assertThat(body(page)).contains("Level none has no timeout").doesNotContain("Exception");
	}

	@Test
	void unknownLevelIsABadRequest() throws Exception {
		assertThat(open("/?level=bogus").getStatus()).isEqualTo(400);
	}

	@Test
	void postingWithoutTheCsrfTokenIsForbidden() throws Exception {
		MockHttpServletResponse response = this.mvc
			.perform(formPost(Map.of("author", "Mallory", "text", "forged"), "full"))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(403);
		backend.verify(exactly(0), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));
	}

	@Test
	void postingSendsTheFormsIdempotencyKeyAndRedirectsWithAFlashMessage() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).willReturn(created()));
		Map<String, String> form = formOf(body(open("/")));
		form.put("author", "Grace");
		form.put("text", "Hello");

		MockHttpServletResponse response = submit(form);

		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).contains("level=full");
		backend.verify(exactly(1),
				postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES))
					.withHeader("Idempotency-Key", equalTo(form.get("idempotencyKey")))
					.withRequestBody(equalToJson("{\"author\": \"Grace\", \"text\": \"Hello\"}")));
		assertThat(body(open(response.getRedirectedUrl()))).contains("Your message was posted.");
	}

	@Test
	void invalidInputIsShownNextToTheFieldsAndTheFormKept() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		Map<String, String> form = formOf(body(open("/")));
		form.put("author", " ");
		form.put("text", "kept text");

		MockHttpServletResponse response = submit(form);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(body(response)).contains("field-error")
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
		Map<String, String> form = formOf(body(open("/")));
		form.put("author", "Grace");
		form.put("text", "rude words");

		MockHttpServletResponse response = submit(form);

		assertThat(body(response)).contains("must be polite").contains("rude words");
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
		Map<String, String> form = formOf(body(open("/?level=timeout")));
		form.put("author", "Grace");
		form.put("text", "Do not lose me");

		MockHttpServletResponse failed = submit(form, "timeout");

		assertThat(failed.getStatus()).isEqualTo(200);
		assertThat(body(failed)).contains("The backend failed. Your message is still here").contains("Do not lose me");
		Map<String, String> again = formOf(body(failed));
		assertThat(again.get("idempotencyKey")).isEqualTo(form.get("idempotencyKey"));
		again.put("author", "Grace");
		again.put("text", "Do not lose me");
		MockHttpServletResponse resubmitted = submit(again, "timeout");
		assertThat(resubmitted.getStatus()).as(body(resubmitted)).isEqualTo(302);
		backend.verify(exactly(2), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)).withHeader("Idempotency-Key",
				equalTo(form.get("idempotencyKey"))));
	}

	@Test
	void withoutRedisAFailedPostAtAFallbackLevelComesBackAndThePageSaysQueuingNeedsRedis() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).willReturn(aResponse().withStatus(503)));
		Map<String, String> form = formOf(body(open("/?level=full")));
		form.put("author", "Grace");
		form.put("text", "Keep me");

		MockHttpServletResponse failed = submit(form, "full");

		assertThat(failed.getStatus()).isEqualTo(200);
		assertThat(body(failed)).contains("Your message is still here")
			.contains("Keep me")
			.contains("With Redis (docker compose runs one), a post the backend cannot take would be queued");
	}

	@Test
	void anAuthorOfZeroWidthAndNoBreakSpacesIsBlankAndFortyEmojiFit() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).willReturn(created()));
		Map<String, String> form = formOf(body(open("/")));
		form.put("author", "\u200B\u00A0");
		form.put("text", "\u202Eevil");

		String page = body(submit(form));

		assertThat(page).contains("must contain a visible character")
			.contains("must not contain control or format characters");
		backend.verify(exactly(0), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));

		Map<String, String> emoji = formOf(page);
		emoji.put("author", "\uD83D\uDE00".repeat(40));
		emoji.put("text", "\u00A0Hello\u3000");
		assertThat(submit(emoji).getStatus()).isEqualTo(302);
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
		Map<String, String> form = formOf(body(open("/")));
		form.put("author", "Grace");
		form.put("text", "edited after a lost answer");

		MockHttpServletResponse refused = submit(form);

		assertThat(refused.getStatus()).isEqualTo(200);
		assertThat(body(refused)).contains("already sent once with a different text")
			.contains("edited after a lost answer");
		Map<String, String> again = formOf(body(refused));
		assertThat(again.get("idempotencyKey")).isNotEqualTo(form.get("idempotencyKey"));
		again.put("author", "Grace");
		again.put("text", "edited after a lost answer");
		assertThat(submit(again).getStatus()).isEqualTo(302);
		backend.verify(exactly(1), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)).withHeader("Idempotency-Key",
				equalTo(again.get("idempotencyKey"))));
	}

	@Test
	void aBrokenIdempotencyKeyFieldIsExplainedAndReplaced() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		Map<String, String> form = formOf(body(open("/")));
		form.put("idempotencyKey", "not a key");
		form.put("author", "Grace");
		form.put("text", "Hello");

		MockHttpServletResponse response = submit(form);

		assertThat(body(response)).contains("broken submission key, so it has a new one").contains("Hello");
		assertThat(formOf(body(response)).get("idempotencyKey")).isNotEqualTo("not a key")
			.matches("[\\x21-\\x7E]{1,64}");
		backend.verify(exactly(0), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));
	}

	@Test
	void aMultipartPostIsA415AndAnOversizedFormA413NotACsrfRefusal() {
		// Over a real socket: the explaining pages are rendered by the container's error
		// dispatch, which MockMvc does not run. Both refusals come before the CSRF check,
		// so no token is sent: a 415 or 413 rather than a 403 is the point.
		HttpResponse<String> unsupported = this.ui.send("POST", "/messages",
				"--x\r\nContent-Disposition: form-data; name=\"author\"\r\n\r\nGrace\r\n--x--\r\n", "Content-Type",
				"multipart/form-data; boundary=x", "Accept", "text/html");
		assertThat(unsupported.statusCode()).isEqualTo(415);
		assertThat(unsupported.body()).contains("not an upload");
		assertThat(unsupported.headers().firstValue("Content-Security-Policy")).as("browser headers on the refusal too")
			.isPresent();

		HttpResponse<String> tooLarge = this.ui.send("POST", "/messages?level=full",
				"author=Grace&text=" + "x".repeat(64 * 1024), "Content-Type", "application/x-www-form-urlencoded");
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(tooLarge.body()).contains("too much to post");
		backend.verify(exactly(0), postRequestedFor(urlPathEqualTo(StubBackend.MESSAGES)));
	}

	@Test
	void theCsrfRefusalPageExplainsAndItsLinksCarryNoSessionId() {
		// Over a real socket, with a session cookie: the page is the container's error
		// dispatch, and only the container would write a session id into links.
		TestHttp browser = browser();
		browser.get("/");

		HttpResponse<String> refused = browser.send("POST", "/messages", "author=Mallory&text=forged", "Content-Type",
				"application/x-www-form-urlencoded", "Accept", "text/html");

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("security token was missing").doesNotContain("jsessionid");
	}

	@Test
	void pagesSendAContentSecurityPolicyAReferrerPolicyAndASameSiteSessionCookie() {
		// Over a real socket: the session cookie and its attributes are Tomcat's.
		HttpResponse<String> page = this.ui.get("/");

		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(csp) -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		assertThat(page.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).contains("JSESSIONID").contains("SameSite=Lax"));
	}

	private static ResponseDefinitionBuilder created() {
		return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(CREATED);
	}

	/** A page as the visitor's browser asks for it, in its session. */
	private MockHttpServletResponse open(String pathAndQuery) throws Exception {
		return this.mvc.perform(MockMvcRequestBuilders.get(pathAndQuery).session(this.session))
			.andReturn()
			.getResponse();
	}

	private MockHttpServletResponse submit(Map<String, String> form) throws Exception {
		return submit(form, "full");
	}

	/** Posts the form at the level with a valid CSRF token. */
	private MockHttpServletResponse submit(Map<String, String> form, String level) throws Exception {
		return this.mvc.perform(formPost(form, level).with(csrf())).andReturn().getResponse();
	}

	/** The form's post, URL-encoded, in the visitor's session; without a CSRF token. */
	private MockHttpServletRequestBuilder formPost(Map<String, String> form, String level) {
		MockHttpServletRequestBuilder post = MockMvcRequestBuilders.post("/messages")
			.queryParam("level", level)
			.session(this.session);
		form.forEach((name, value) -> post.formField(name, value));
		return post;
	}

	private static String body(MockHttpServletResponse response) throws Exception {
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	/**
	 * The form as the page gives it: its idempotency key, after checking that the page
	 * carries a CSRF token too (the token itself comes from {@code csrf()}).
	 */
	private static Map<String, String> formOf(String page) {
		assertThat(page).as("the form's CSRF token").containsPattern(CSRF_FIELD);
		Matcher key = KEY_FIELD.matcher(page);
		assertThat(key.find()).as("the form's idempotency key").isTrue();
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("idempotencyKey", key.group(1));
		return fields;
	}

}
