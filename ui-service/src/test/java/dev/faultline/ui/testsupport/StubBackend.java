package dev.faultline.ui.testsupport;

import java.time.Instant;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * One WireMock server standing in for the backend, started once per test JVM and shared
 * by every test class.
 *
 * <p>
 * Not a per-class {@code WireMockExtension} on purpose: that one restarts on a new port
 * for each class, while Spring caches the application context (with the first port in it)
 * across classes. One server, reset before each test, lets all integration tests share
 * one context.
 */
public final class StubBackend {

	/** The path of the backend's message list. */
	public static final String MESSAGES = "/api/messages";

	/** The backend's chaos state ({@code GET /chaos}) while an outage is on. */
	public static final String CHAOS_OUTAGE = """
			{"apiPort": "refusing connections", "readiness": "ACCEPTING_TRAFFIC", "faults": [
			  {"fault": "down", "settings": {}, "faultsInjected": 1, "remainingSeconds": 299}]}""";

	/** The backend's chaos state with no fault active. */
	public static final String CHAOS_NONE = """
			{"apiPort": "accepting connections", "readiness": "ACCEPTING_TRAFFIC", "faults": []}""";

	private static final WireMockServer SERVER = start();

	private StubBackend() {
	}

	/** The shared server. */
	public static WireMockServer server() {
		return SERVER;
	}

	/** A request for the message list, whatever the limit. */
	public static MappingBuilder messageList() {
		return get(urlPathEqualTo(MESSAGES));
	}

	/** A 200 answer with the messages as the backend would send them. */
	public static ResponseDefinitionBuilder messages(String... texts) {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < texts.length; i++) {
			if (i > 0) {
				json.append(',');
			}
			json.append("{\"id\":")
				.append(texts.length - i)
				.append(",\"author\":\"Ada\",\"text\":\"")
				.append(texts[i])
				.append("\",\"createdAt\":\"")
				.append(Instant.parse("2026-01-01T12:00:00Z"))
				.append("\"}");
		}
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(json.append(']').toString());
	}

	/**
	 * A server of its own on the port (0 for any free one), such as one of several
	 * backend replicas, or one started again where a stopped one listened; stopped when
	 * the JVM ends.
	 */
	public static WireMockServer startOn(int port) {
		WireMockServer server = new WireMockServer(
				((port != 0) ? wireMockConfig().port(port) : wireMockConfig().dynamicPort()).containerThreads(40));
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stub-backend-stop"));
		return server;
	}

	/**
	 * Every request that would change the backend's chaos state: anything but a GET of
	 * {@code /chaos...}. The dashboard's background poll only looks, and may land at any
	 * moment of a test, so "the backend heard nothing" means no request of this kind.
	 */
	public static RequestPatternBuilder chaosChanges() {
		return anyRequestedFor(urlPathMatching("/chaos.*"))
			.andMatching((request) -> MatchResult.of(request.getMethod() != RequestMethod.GET));
	}

	private static WireMockServer start() {
		return startOn(0);
	}

}
