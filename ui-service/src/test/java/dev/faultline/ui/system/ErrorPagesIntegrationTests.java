package dev.faultline.ui.system;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One error story for the UI: programs (paths under /api/, /dashboard/, /actuator, or
 * clients that do not accept HTML) get problem+json for every error status, people get
 * the error page.
 */
class ErrorPagesIntegrationTests extends AbstractUiIntegrationTests {

	private final ObjectMapper json = new ObjectMapper();

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "GET, /api/nothing-here, 404", "DELETE, /api/feed, 403", "GET, /dashboard/nothing-here, 404",
			"GET, /dashboard/chaos/hang, 405", "POST, /dashboard/traffic?rate=1, 403",
			"POST, /dashboard/chaos/hang, 403", "GET, /actuator/nothing-here, 404", "GET, /actuator/metrics/nope, 404",
			"POST, /actuator/circuitbreakers/full, 403", "GET, /error, 404" })
	void errorsUnderTheProgrammaticPathsAreProblemJsonEvenForABrowser(String method, String path, int status)
			throws Exception {
		HttpResponse<String> answer = this.ui.send(method, path, null, "Accept", "text/html,*/*;q=0.8");

		assertThat(answer.statusCode()).isEqualTo(("/error".equals(path)) ? 404 : status);
		if (!"/error".equals(path)) {
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = this.json.readTree(answer.body());
			assertThat(problem.get("status").asInt()).isEqualTo(status);
			assertThat(problem.get("detail").asText()).isNotBlank();
		}
	}

	@Test
	void aPageThatDoesNotExistIsTheErrorPageForABrowserAndAProblemForEveryoneElse() {
		HttpResponse<String> page = this.ui.get("/no-such-page", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("There is nothing at this address").doesNotContain("Exception");

		HttpResponse<String> problem = this.ui.get("/no-such-page", "Accept", "*/*");
		assertThat(problem.statusCode()).isEqualTo(404);
		assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

}
