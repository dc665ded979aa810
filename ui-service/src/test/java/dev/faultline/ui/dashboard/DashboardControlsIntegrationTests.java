package dev.faultline.ui.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The chaos panel and the traffic generator, with WireMock as the backend's API and
 * management port: buttons reach the chaos API server-side and need a CSRF token; the
 * generator reads the UI's own feed over the UI's real port, never holds more than its
 * cap in flight, and stops by itself; bad input is a 400 problem. The controls are asked
 * through MockMvc with {@code csrf()}; that the page hands its token to the buttons is
 * what {@link DashboardBrowserIT} proves in a real browser.
 */
@AutoConfigureMockMvc
@TestPropertySource(
		properties = { "faultline.dashboard.traffic-max-duration=3s", "faultline.dashboard.traffic-max-in-flight=2" })
class DashboardControlsIntegrationTests extends AbstractUiIntegrationTests {

	@Autowired
	private TrafficGenerator traffic;

	@Autowired
	private DashboardProperties dashboard;

	@Autowired
	private MockMvc mvc;

	@DynamicPropertySource
	static void pointTheChaosPanelAtTheStub(DynamicPropertyRegistry registry) {
		registry.add("faultline.backend.management-url", backend::baseUrl);
	}

	@AfterEach
	void stopTraffic() {
		this.traffic.stopSending();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.traffic.status().inFlight() == 0);
	}

	@Test
	void chaosButtonIsPassedToTheBackendsChaosApiServerSide() throws Exception {
		backend.stubFor(put(urlEqualTo("/chaos/scenarios/outage")).willReturn(okJson(StubBackend.CHAOS_OUTAGE)));

		Answer response = send("POST", "/dashboard/chaos/outage", true);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"reachable\":true")
			.contains("\"fault\":\"down\"")
			.contains("\"remainingSeconds\":299")
			.contains("refusing connections");
		backend.verify(1, putRequestedFor(urlEqualTo("/chaos/scenarios/outage")));
	}

	@Test
	void errorsButtonInstallsTheScenarioOfTheSameName() throws Exception {
		backend.stubFor(put(urlEqualTo("/chaos/scenarios/errors")).willReturn(okJson(StubBackend.CHAOS_NONE.replace(
				"[]",
				"[{\"fault\": \"error\", \"summary\": \"error on every request to /api/**\", \"remainingSeconds\": 300}]"))));

		Answer response = send("POST", "/dashboard/chaos/errors", true);

		assertThat(response.body()).contains("\"fault\":\"error\"");
		backend.verify(1, putRequestedFor(urlEqualTo("/chaos/scenarios/errors")));
	}

	@Test
	void offButtonEndsAllChaos() throws Exception {
		backend.stubFor(delete(urlEqualTo("/chaos")).willReturn(okJson(StubBackend.CHAOS_NONE)));

		Answer response = send("POST", "/dashboard/chaos/off", true);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"faults\":[]");
		backend.verify(1, deleteRequestedFor(urlEqualTo("/chaos")));
	}

	@Test
	void chaosButtonWithoutTheCsrfTokenIsRefusedBeforeTheBackendHearsOfIt() throws Exception {
		Answer response = send("POST", "/dashboard/chaos/outage", false);

		assertThat(response.status()).isEqualTo(403);
		backend.verify(0, StubBackend.chaosChanges());
	}

	@Test
	void unreachableChaosApiIsA502Problem() throws Exception {
		backend.stubFor(put(urlEqualTo("/chaos/scenarios/hang")).willReturn(aResponse().withStatus(500)));

		Answer response = send("POST", "/dashboard/chaos/hang", true);

		assertThat(response.status()).isEqualTo(502);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.body()).contains("chaos-unavailable").contains("hang");
	}

	@Test
	void badInputIsA400ProblemNamingTheFieldAndTheRule() throws Exception {
		assertBadRequest(send("POST", "/dashboard/chaos/meteor", true), "action", "allowed-values");
		assertBadRequest(send("POST", "/dashboard/traffic?level=full&rate=7", true), "rate", "allowed-values");
		assertBadRequest(send("POST", "/dashboard/traffic?level=full&rate=lots", true), "rate", "type");
		assertBadRequest(send("POST", "/dashboard/traffic?level=full", true), "rate", "required");
		assertBadRequest(send("POST", "/dashboard/traffic?level=warp&rate=5", true), "level", "allowed-values");
		assertThat(this.traffic.status().running()).isFalse();
	}

	@Test
	void trafficReadsTheUisOwnFeedAtTheLevelAndAtNoneThenStopsByItself() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("steady")));

		Answer started = send("POST", "/dashboard/traffic?level=fallback&rate=20", true);

		assertThat(started.status()).isEqualTo(200);
		assertThat(started.body()).contains("\"running\":true")
			.contains("\"level\":\"fallback\"")
			.contains("\"rate\":20");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.traffic.status().succeeded() >= 10);
		backend.verify(getRequestedFor(urlPathMatching(StubBackend.MESSAGES)));
		await().atMost(Duration.ofSeconds(15)).until(() -> !this.traffic.status().running());
		long sent = this.traffic.status().sent();
		// Its whole run at 20/s to each of two levels; a bound, not an exact count, on a
		// busy machine.
		assertThat(sent).isBetween(10L, 2L * 20 * this.dashboard.trafficMaxDuration().toSeconds() + 20);
		assertThat(this.traffic.status().remainingSeconds()).isZero();
	}

	@Test
	void trafficNeverHasMoreThanItsCapInFlightAndCountsSkippedTicks() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("slow").withFixedDelay(1500)));

		send("POST", "/dashboard/traffic?level=full&rate=50", true);

		// Its cap at each of the two levels it reads (the chosen one and none), held
		// throughout the first second.
		int cap = 2 * this.dashboard.trafficMaxInFlight();
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.failFast("more requests in flight than the cap", () -> this.traffic.status().inFlight() > cap)
			.until(() -> this.traffic.status().inFlight() <= cap);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.traffic.status().skipped() > 0);
		Answer stopped = send("DELETE", "/dashboard/traffic", true);
		assertThat(stopped.body()).contains("\"running\":false");
	}

	private void assertBadRequest(Answer response, String field, String rule) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.body()).contains("\"field\":\"" + field + "\"").contains("\"rule\":\"" + rule + "\"");
	}

	private Answer send(String method, String path, boolean withToken) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path);
		if (withToken) {
			// As the page's script sends it: in the header, not a form field.
			request.with(csrf().asHeader());
		}
		MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
		return new Answer(response.getStatus(), response.getContentType(),
				response.getContentAsString(StandardCharsets.UTF_8));
	}

	/**
	 * What a control answered.
	 *
	 * @param status the HTTP status
	 * @param contentType the media type, if any
	 * @param body the body as text
	 */
	private record Answer(int status, String contentType, String body) {
	}

}
