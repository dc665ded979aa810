package dev.faultline.backend.testsupport;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every answer to bad input must look like: never a 5xx, and a 4xx is RFC 9457
 * problem+json whose {@code errors}, when it lists broken rules, name a field and a rule
 * for each.
 */
public final class ProblemAnswers {

	private static final ObjectMapper JSON = new ObjectMapper();

	private ProblemAnswers() {
	}

	/** Asserts the rules above and returns the problem, or {@code null} for a 2xx. */
	public static JsonNode assertNoServerErrorAndProblemJson(HttpResponse<String> answer, String what)
			throws Exception {
		assertThat(answer.statusCode()).as("status for %s: %s", what, answer.body()).isLessThan(500);
		if (answer.statusCode() < 400) {
			return null;
		}
		assertThat(answer.headers().firstValue("Content-Type")).as("content type for %s", what)
			.hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(answer.body());
		assertThat(problem.path("status").asInt()).as("problem status for %s", what).isEqualTo(answer.statusCode());
		assertThat(problem.path("detail").asText()).as("problem detail for %s", what).isNotBlank();
		if (problem.path("type").asText().endsWith("/validation")) {
			assertThat(problem.path("errors")).as("errors for %s", what).isNotEmpty();
			for (JsonNode error : problem.path("errors")) {
				// The field as sent: a JSON key may be "" and is then named as such.
				assertThat(error.path("field").isTextual()).as("field in %s for %s", error, what).isTrue();
				assertThat(error.path("rule").asText()).as("rule in %s for %s", error, what).isNotBlank();
			}
		}
		return problem;
	}

}
