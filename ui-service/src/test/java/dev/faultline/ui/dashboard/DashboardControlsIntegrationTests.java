package dev.faultline.ui.dashboard;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
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

/**
 * The chaos panel and the traffic generator over real HTTP, with WireMock as the
 * backend's API and management port: buttons reach the chaos API server-side and need the
 * page's CSRF token; the generator reads the UI's own feed, never holds more than its cap
 * in flight, and stops by itself; bad input is a 400 problem.
 */
@TestPropertySource(
		properties = { "faultline.dashboard.traffic-max-duration=3s", "faultline.dashboard.traffic-max-in-flight=2" })
class DashboardControlsIntegrationTests extends AbstractUiIntegrationTests {

	private static final Pattern CSRF = Pattern.compile("data-csrf=\"([^\"]+)\"");

	private static final String OUTAGE = """
			{"apiPort": "refusing connections", "readiness": "ACCEPTING_TRAFFIC", "faults": [
			  {"fault": "down", "settings": {}, "faultsInjected": 1, "remainingSeconds": 299}]}""";

	private static final String NO_CHAOS = """
			{"apiPort": "accepting connections", "readiness": "ACCEPTING_TRAFFIC", "faults": []}""";

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	@Autowired
	private TrafficGenerator traffic;

	private String csrfToken;

	@DynamicPropertySource
	static void pointTheChaosPanelAtTheStub(DynamicPropertyRegistry registry) {
		registry.add("faultline.backend.management-url", backend::baseUrl);
	}

	@BeforeEach
	void openTheDashboard() throws Exception {
		HttpResponse<String> page = send("GET", "/dashboard", false);
		assertThat(page.statusCode()).isEqualTo(200);
		Matcher token = CSRF.matcher(page.body());
		assertThat(token.find()).as("CSRF token on the page").isTrue();
		this.csrfToken = token.group(1);
	}

	@AfterEach
	void stopTraffic() {
		this.traffic.stopSending();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.traffic.status().inFlight() == 0);
	}

	@Test
	void chaosButtonIsPassedToTheBackendsChaosApiServerSide() throws Exception {
		backend.stubFor(put(urlEqualTo("/chaos/scenarios/outage")).willReturn(okJson(OUTAGE)));

		HttpResponse<String> response = send("POST", "/dashboard/chaos/outage", true);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"reachable\":true")
			.contains("\"fault\":\"down\"")
			.contains("\"remainingSeconds\":299")
			.contains("refusing connections");
		backend.verify(1, putRequestedFor(urlEqualTo("/chaos/scenarios/outage")));
	}

	@Test
	void errorsButtonInstallsTheScenarioOfTheSameName() throws Exception {
		backend.stubFor(put(urlEqualTo("/chaos/scenarios/errors")).willReturn(okJson(NO_CHAOS.replace("[]",
				"[{\"fault\": \"error\", \"summary\": \"error on every request to /api/**\", \"remainingSeconds\": 300}]"))));

		HttpResponse<String> response = send("POST", "/dashboard/chaos/errors", true);

		assertThat(response.body()).contains("\"fault\":\"error\"");
		backend.verify(1, putRequestedFor(urlEqualTo("/chaos/scenarios/errors")));
	}

	@Test
	void offButtonEndsAllChaos() throws Exception {
		backend.stubFor(delete(urlEqualTo("/chaos")).willReturn(okJson(NO_CHAOS)));

		HttpResponse<String> response = send("POST", "/dashboard/chaos/off", true);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"faults\":[]");
		backend.verify(1, deleteRequestedFor(urlEqualTo("/chaos")));
	}

	@Test
	void chaosButtonWithoutTheCsrfTokenIsRefusedBeforeTheBackendHearsOfIt() throws Exception {
		HttpResponse<String> response = send("POST", "/dashboard/chaos/outage", false);

		assertThat(response.statusCode()).isEqualTo(403);
		backend.verify(0, anyRequestedFor(urlPathMatching("/chaos.*")));
	}

	@Test
	void unreachableChaosApiIsA502Problem() throws Exception {
		backend.stubFor(put(urlEqualTo("/chaos/scenarios/hang")).willReturn(aResponse().withStatus(500)));

		HttpResponse<String> response = send("POST", "/dashboard/chaos/hang", true);

		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
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

		HttpResponse<String> started = send("POST", "/dashboard/traffic?level=fallback&rate=20", true);

		assertThat(started.statusCode()).isEqualTo(200);
		assertThat(started.body()).contains("\"running\":true")
			.contains("\"level\":\"fallback\"")
			.contains("\"rate\":20");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.traffic.status().succeeded() >= 10);
		backend.verify(getRequestedFor(urlPathMatching(StubBackend.MESSAGES)));
		await().atMost(Duration.ofSeconds(15)).until(() -> !this.traffic.status().running());
		long sent = this.traffic.status().sent();
		// About 3 s at 20/s to each of two levels; a bound, not an exact count, on a busy
		// machine.
		assertThat(sent).isBetween(10L, 2L * 20 * 3 + 20);
		assertThat(this.traffic.status().remainingSeconds()).isZero();
	}

	@Test
	void trafficNeverHasMoreThanItsCapInFlightAndCountsSkippedTicks() throws Exception {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("slow").withFixedDelay(1500)));

		send("POST", "/dashboard/traffic?level=full&rate=50", true);

		for (int i = 0; i < 10; i++) {
			assertThat(this.traffic.status().inFlight()).isLessThanOrEqualTo(2 * 2);
			Thread.sleep(100);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.traffic.status().skipped() > 0);
		HttpResponse<String> stopped = send("DELETE", "/dashboard/traffic", true);
		assertThat(stopped.body()).contains("\"running\":false");
	}

	private void assertBadRequest(HttpResponse<String> response, String field, String rule) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"field\":\"" + field + "\"").contains("\"rule\":\"" + rule + "\"");
	}

	private HttpResponse<String> send(String method, String path, boolean withToken) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (withToken) {
			request.header("X-CSRF-TOKEN", this.csrfToken);
		}
		return this.browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
