package dev.faultline.backend.chaos;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.backend.testsupport.BackendFuzzing;
import dev.faultline.backend.testsupport.ProblemAnswers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeTry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the chaos API over real HTTP: random fault names and settings, as query
 * parameters, a JSON body or both, with wrong types and content types. Every request is
 * installed whole or refused with a problem naming the field, and a refused one changes
 * nothing; no 5xx, no ERROR line. Each installed fault is removed at once. Seeded.
 */
class ChaosApiFuzzIntegrationTests extends BackendFuzzing {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final List<String> NAMES = List.of("ms", "minMs", "maxMs", "status", "retryAfter", "chunkBytes",
			"chunkDelayMs", "upMs", "downMs", "kind", "delayMs", "rate", "seed", "everyNth", "firstN", "methods",
			"paths", "duration", "colour", "", "MS");

	@BeforeTry
	void noFaultSoFar() {
		backend.management().send("DELETE", "/chaos", null);
	}

	@Property(tries = 400, seed = "20261129")
	void everyChangeIsInstalledWholeOrRefusedWithAProblemAndNothingInstalled(@ForAll("changes") Change change)
			throws Exception {
		String before = faults();
		HttpRequest.Builder request = HttpRequest.newBuilder(backend.management().uri(change.pathAndQuery()))
			.PUT((change.body() != null) ? HttpRequest.BodyPublishers.ofString(change.body())
					: HttpRequest.BodyPublishers.noBody());
		if (change.contentType() != null) {
			request.header("Content-Type", change.contentType());
		}

		HttpResponse<String> answer = backend.management().send(request);

		ProblemAnswers.assertNoServerErrorAndProblemJson(answer, change.toString());
		if (answer.statusCode() == 200) {
			// Installed whole: the fault asked for is active (a scenario installs its own
			// set).
			List<String> active = JSON.readTree(answer.body()).get("faults").findValuesAsText("fault");
			String asked = change.pathAndQuery().replaceFirst("^/chaos/", "").replaceFirst("\\?.*$", "");
			assertThat(active).as(change.toString()).isNotEmpty();
			if (!asked.startsWith("scenarios/")) {
				assertThat(active).as(change.toString()).contains(asked);
			}
		}
		else {
			assertThat(faults()).as("nothing installed by a refused %s", change).isEqualTo(before);
		}
		assertThat(errorLog.errors()).as(change.toString()).isEmpty();
	}

	@Provide
	Arbitrary<Change> changes() {
		Arbitrary<String> target = Arbitraries.frequencyOf(
				Tuple.of(8,
						Arbitraries
							.of("latency", "error", "hang", "down", "reset", "truncate", "malformed", "slow-body",
									"flap", "readiness", "crash")
							.map((fault) -> "/chaos/" + fault)),
				Tuple.of(2, Arbitraries.of("/chaos/wobble", "/chaos/scenarios/flaky", "/chaos/scenarios/slow",
						"/chaos/scenarios/doomsday", "/chaos/LATENCY", "/chaos/%20")));
		Arbitrary<Map<String, Object>> settings = Arbitraries.maps(Arbitraries.of(NAMES), values()).ofMaxSize(4);
		Arbitrary<String> contentType = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("application/json")),
				Tuple.of(2, Arbitraries.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
						"application/x-www-form-urlencoded", "a/b/c")));
		return Combinators.combine(target, settings, settings, contentType, Arbitraries.integers().between(0, 9))
			.as(ChaosApiFuzzIntegrationTests::change);
	}

	/**
	 * Setting values of every JSON type, numbers in every notation, and the patterns that
	 * once broke the API.
	 */
	private static Arbitrary<Object> values() {
		return Arbitraries.frequencyOf(
				Tuple.of(4,
						Arbitraries.<Object>of(0, 1, 3, 500, 503, 3000, 600_001, -1, 0.5, 1.5, 0.0, Long.MAX_VALUE)),
				Tuple.of(4, Arbitraries.<Object>of("3000", "0x10", "+5", "\u0665", "1e3", "", " ", "NaN", "fast", "30s",
						"2h", "PT0.0001S", "PT1S", "GET", "GET,,POST", "get", "FETCH", "/api/**", "/api/../**", "api",
						"/api/messages/{id:[}", "/api/messages/*", "latency", "down", "crash", "\u202E")),
				Tuple.of(1, Arbitraries.<Object>of(List.of("GET", "POST"), List.of(7), Map.of("a", 1), true)),
				Tuple.of(1, Arbitraries.just((Object) null)));
	}

	private static Change change(String target, Map<String, Object> query, Map<String, Object> body, String type,
			int shape) {
		StringBuilder pathAndQuery = new StringBuilder(target);
		String json = null;
		String contentType = null;
		if (shape % 3 != 1) {
			List<String> pairs = new ArrayList<>();
			query.forEach((name, value) -> {
				if (value instanceof String || value instanceof Number) {
					pairs.add(encode(name) + "=" + encode(String.valueOf(value)));
				}
			});
			if (!pairs.isEmpty()) {
				pathAndQuery.append('?').append(String.join("&", pairs));
			}
		}
		if (shape % 3 != 0) {
			Map<String, Object> fields = new LinkedHashMap<>(body);
			json = (shape == 8) ? "null" : write(fields);
			if (shape == 5 && !fields.isEmpty()) {
				// The same key twice: no JSON library writes that, so it is spliced in.
				String first = json.substring(1, (json.indexOf(',') > 0) ? json.indexOf(',') : json.length() - 1);
				json = "{" + first + "," + json.substring(1);
			}
			contentType = type;
		}
		return new Change(pathAndQuery.toString(), json, contentType);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static String write(Object value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String faults() throws Exception {
		return JSON.readTree(backend.management().get("/chaos").body()).get("faults").toString();
	}

	/**
	 * One generated change.
	 *
	 * @param pathAndQuery where it goes, settings in the query included
	 * @param body the JSON body, or {@code null} for none
	 * @param contentType the body's Content-Type, or {@code null}
	 */
	record Change(String pathAndQuery, String body, String contentType) {

		@Override
		public String toString() {
			return "PUT " + this.pathAndQuery + " " + this.contentType + " " + this.body;
		}

	}

}
