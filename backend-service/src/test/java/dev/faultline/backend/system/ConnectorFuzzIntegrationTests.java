package dev.faultline.backend.system;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.backend.testsupport.BackendFuzzing;
import dev.faultline.testsupport.RawHttp;
import dev.faultline.testsupport.RawHttp.Answer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes what reaches Tomcat before Spring: paths with any percent-encoded byte
 * ({@code %00}, {@code %ff}, an encoded {@code /} or {@code \}, a lone {@code %}), URLs
 * and headers on both sides of the 8 KB limit, on the API port and the management port.
 * Every answer is below 500 and every 4xx is {@code application/problem+json}; nothing
 * logs an ERROR. Seeded, so a failure replays exactly.
 */
class ConnectorFuzzIntegrationTests extends BackendFuzzing {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Property(tries = 250, seed = "20261203")
	void everyRawRequestIsAnAnswerOrAProblemNeverAServerError(@ForAll("requests") RawRequest request) throws Exception {
		int port = (request.management() ? backend.management() : backend.api()).uri("/").getPort();

		Answer answer = RawHttp.toPort(port).send("GET", request.target(), request.headers());

		assertThat(answer.status()).as("status for %s: %s", request, answer.body()).isBetween(200, 499);
		if (answer.status() >= 400) {
			assertThat(answer.header("Content-Type")).as("content type for %s", request)
				.hasValue("application/problem+json");
			JsonNode problem = JSON.readTree(answer.body());
			assertThat(problem.path("status").asInt()).as("problem status for %s", request).isEqualTo(answer.status());
			assertThat(problem.path("detail").asText()).as("problem detail for %s", request).isNotBlank();
		}
		assertThat(errorLog.errors()).as(request.toString()).isEmpty();
	}

	@Provide
	Arbitrary<RawRequest> requests() {
		Arbitrary<String> base = Arbitraries.of("/api/messages/", "/api/messages?limit=", "/chaos/",
				"/actuator/health/", "/");
		Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(4),
				Arbitraries.integers().between(0, 255).map((octet) -> String.format("%%%02X", octet)),
				Arbitraries.of("%2F", "%2f", "%5C", "%", "%G1", "%00", "%FF", "%C0%AF", "%E2%80%AE", "..", "/"));
		Arbitrary<String> path = Combinators.combine(base, piece.list().ofMaxSize(12))
			.as((start, pieces) -> start + String.join("", pieces));
		Arbitrary<Integer> padding = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
				Tuple.of(1, Arbitraries.integers().between(7 * 1024, 12 * 1024)));
		return Combinators
			.combine(Arbitraries.of(true, false), path, padding, padding,
					Arbitraries.of("X-Padding", "Idempotency-Key", "Accept", "Cookie"))
			.as((management, target, queryLength, headerLength, header) -> {
				List<String> headers = new ArrayList<>(List.of("Accept", "*/*"));
				if (headerLength > 0) {
					headers.addAll(List.of(header, "h".repeat(headerLength)));
				}
				String query = (queryLength > 0) ? ((target.contains("?") ? "&" : "?") + "q=" + "u".repeat(queryLength))
						: "";
				return new RawRequest(management, target + query, headers.toArray(String[]::new));
			});
	}

	/**
	 * One generated request.
	 *
	 * @param management whether it goes to the management port
	 * @param target the request target as sent
	 * @param headers its headers as name, value pairs
	 */
	record RawRequest(boolean management, String target, String[] headers) {

		@Override
		public String toString() {
			String shown = (this.target.length() > 120)
					? this.target.substring(0, 120) + "... (" + this.target.length() + " chars)" : this.target;
			int headerBytes = 0;
			for (String header : this.headers) {
				headerBytes += header.length();
			}
			return (this.management ? "management " : "api ") + shown + " with " + headerBytes + " header chars";
		}

	}

}
