package dev.faultline.ui.dashboard;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.StubBackend;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A UI opened to the room with a speaker token: anyone may look at the dashboard, only
 * the speaker's browser may change the demo. Everyone else's controls answer a 403
 * problem naming the rule before the backend hears of them or their input is read; the
 * speaker's link sets an HttpOnly, SameSite=Strict cookie and takes the token out of the
 * address bar; every call to the backend's chaos API carries its token; and a room that
 * takes every dashboard stream leaves one for the speaker.
 */
@AutoConfigureMockMvc
@TestPropertySource(properties = { "faultline.dashboard.speaker-token=" + DashboardSpeakerIntegrationTests.TOKEN,
		"faultline.dashboard.public-address=0.0.0.0",
		"faultline.backend.chaos-token=" + DashboardSpeakerIntegrationTests.CHAOS_TOKEN,
		"faultline.dashboard.max-streams=1", "faultline.dashboard.speaker-streams=1" })
class DashboardSpeakerIntegrationTests extends AbstractUiIntegrationTests {

	static final String TOKEN = "speaker-0123456789abcdef";

	static final String CHAOS_TOKEN = "backend-chaos-0123456789";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TrafficGenerator traffic;

	@Autowired
	private DashboardStreams streams;

	@DynamicPropertySource
	static void pointTheChaosPanelAtTheStub(DynamicPropertyRegistry registry) {
		registry.add("faultline.backend.management-url", backend::baseUrl);
	}

	@AfterEach
	void stopTrafficAndStreams() {
		this.traffic.stopSending();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.traffic.status().inFlight() == 0);
		await().atMost(Duration.ofSeconds(15)).until(() -> this.streams.openStreams() == 0);
	}

	@Test
	void theSpeakerFindsAStreamWhenTheRoomHasTakenEveryOther() throws Exception {
		List<HttpResponse<InputStream>> open = new ArrayList<>();
		try {
			assertThat(stream(null, open)).as("a visitor takes the one stream").isEqualTo(200);
			assertThat(stream(null, open)).as("the next visitor").isEqualTo(503);
			assertThat(stream(TOKEN, open)).as("the speaker, on the stream kept for them").isEqualTo(200);
			assertThat(stream(TOKEN, open)).as("the speaker's reserve is bounded too").isEqualTo(503);
			assertThat(this.streams.openStreams()).isEqualTo(2);
		}
		finally {
			for (HttpResponse<InputStream> response : open) {
				response.body().close();
			}
		}
	}

	@Test
	void everyControlOfABrowserWithoutTheCookieIsA403ProblemNamingTheRuleAndTheBackendHearsNothing() throws Exception {
		List<MockHttpServletRequestBuilder> controls = List.of(control("POST", "/dashboard/chaos/outage"),
				control("POST", "/dashboard/chaos/off"), control("POST", "/dashboard/traffic?level=full&rate=20"),
				control("DELETE", "/dashboard/traffic"));

		for (MockHttpServletRequestBuilder control : controls) {
			MockHttpServletResponse response = this.mvc.perform(control).andReturn().getResponse();
			String body = response.getContentAsString(StandardCharsets.UTF_8);
			assertThat(response.getStatus()).as(body).isEqualTo(403);
			assertThat(response.getContentType()).isEqualTo("application/problem+json");
			assertThat(body).contains("\"rule\":\"speaker-token\"")
				.contains("https://faultline.dev/problems/speaker-only")
				.contains("/dashboard?speaker=<token>");
		}
		backend.verify(0, StubBackend.chaosChanges());
		assertThat(this.traffic.status().running()).isFalse();
	}

	@Test
	void aStrangersBadInputIsRefusedAsAStrangerNotReadAsInput() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(control("POST", "/dashboard/traffic?level=warp&rate=lots"))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("\"rule\":\"speaker-token\"")
			.doesNotContain("allowed-values");
	}

	@Test
	void theSpeakersLinkSetsAStrictHttpOnlyCookieAndRedirectsTheTokenOutOfTheAddressBar() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(MockMvcRequestBuilders.get("/dashboard?speaker=" + TOKEN))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getHeader(HttpHeaders.LOCATION)).isEqualTo("/dashboard");
		assertThat(response.getHeaders(HttpHeaders.SET_COOKIE)).singleElement()
			.asString()
			.startsWith(SpeakerAccess.COOKIE + "=")
			.contains("HttpOnly")
			.contains("SameSite=Strict")
			.contains("Path=/dashboard")
			.doesNotContain(TOKEN);
	}

	@Test
	void withTheCookieTheButtonsReachTheBackendsChaosApiWithItsToken() throws Exception {
		backend.stubFor(put(urlEqualTo("/chaos/scenarios/outage")).willReturn(okJson(StubBackend.CHAOS_OUTAGE)));
		Cookie cookie = speakerCookie();

		MockHttpServletResponse response = this.mvc.perform(control("POST", "/dashboard/chaos/outage").cookie(cookie))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("\"fault\":\"down\"");
		backend.verify(1, putRequestedFor(urlEqualTo("/chaos/scenarios/outage")).withHeader("X-Chaos-Token",
				equalTo(CHAOS_TOKEN)));
		assertThat(this.mvc.perform(control("DELETE", "/dashboard/traffic").cookie(cookie))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	@Test
	void aScriptMaySendTheTokenInAHeaderInstead() throws Exception {
		backend.stubFor(put(urlEqualTo("/chaos/scenarios/slow")).willReturn(okJson(StubBackend.CHAOS_NONE)));

		MockHttpServletResponse response = this.mvc
			.perform(control("POST", "/dashboard/chaos/slow").header(SpeakerAccess.HEADER, TOKEN))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		backend.verify(1, putRequestedFor(urlEqualTo("/chaos/scenarios/slow")));
	}

	@Test
	void theSpeakerStillNeedsThePagesCsrfToken() throws Exception {
		MockHttpServletResponse response = this.mvc
			.perform(MockMvcRequestBuilders.post("/dashboard/chaos/outage").cookie(speakerCookie()))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("speaker-token");
		backend.verify(0, StubBackend.chaosChanges());
	}

	@Test
	void theChaosStateIsReadWithTheBackendsToken() throws Exception {
		backend.stubFor(get(urlEqualTo("/chaos")).willReturn(okJson(StubBackend.CHAOS_NONE)));

		MockHttpServletResponse response = this.mvc.perform(MockMvcRequestBuilders.get("/dashboard/chaos"))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).as("looking is everyone's").isEqualTo(200);
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("\"reachable\":true");
		backend.verify(getRequestedFor(urlEqualTo("/chaos")).withHeader("X-Chaos-Token", equalTo(CHAOS_TOKEN)));
	}

	@Test
	void anyoneMayLookButTheControlsAreDisabledWithTheReasonUnlessItIsTheSpeakersBrowser() throws Exception {
		String stranger = page(MockMvcRequestBuilders.get("/dashboard"));
		String speaker = page(MockMvcRequestBuilders.get("/dashboard").cookie(speakerCookie()));

		assertThat(stranger).contains("data-locked=\"true\"")
			.contains("data-action=\"outage\" disabled=\"disabled\"")
			.contains("id=\"traffic-toggle\"")
			.contains("Speaker only: open /dashboard?speaker=&lt;token&gt; once");
		assertThat(speaker).contains("data-locked=\"false\"").doesNotContain("disabled").doesNotContain("Speaker only");
	}

	@Test
	void aWrongLinkSetsNoCookieAndSaysSo() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(MockMvcRequestBuilders.get("/dashboard?speaker=guess"))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeaders(HttpHeaders.SET_COOKIE)).noneMatch((cookie) -> cookie.startsWith("faultline-"));
		assertThat(response.getContentAsString(StandardCharsets.UTF_8))
			.contains("The speaker token in this link is wrong");
	}

	/**
	 * Opens a dashboard stream over real HTTP, as the speaker when a token is given, and
	 * keeps it open in {@code open} when it was granted; the status.
	 */
	private int stream(String token, List<HttpResponse<InputStream>> open) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.ui.uri("/dashboard/stream?level=full"))
			.header("Accept", "text/event-stream");
		if (token != null) {
			request.header(SpeakerAccess.HEADER, token);
		}
		HttpResponse<InputStream> response = this.ui.client()
			.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() == 200) {
			open.add(response);
		}
		else {
			response.body().close();
		}
		return response.statusCode();
	}

	/** The cookie the speaker's link sets. */
	private Cookie speakerCookie() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(MockMvcRequestBuilders.get("/dashboard?speaker=" + TOKEN))
			.andReturn()
			.getResponse();
		Cookie cookie = response.getCookie(SpeakerAccess.COOKIE);
		assertThat(cookie).as("the speaker's cookie").isNotNull();
		return cookie;
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	/** A control as the page's script sends it: with the CSRF token in the header. */
	private static MockHttpServletRequestBuilder control(String method, String path) {
		return MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path).with(csrf().asHeader());
	}

}
