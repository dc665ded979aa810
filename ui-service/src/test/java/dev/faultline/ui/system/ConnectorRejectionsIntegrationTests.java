package dev.faultline.ui.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.testsupport.RawHttp;
import dev.faultline.testsupport.RawHttp.Answer;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Tomcat refuses before Spring sees the request: the UI's JSON endpoints answer
 * {@code application/problem+json} naming what was wrong and the rule, as the rest of
 * their errors do, while a browser on a page keeps an HTML answer. Over a raw socket,
 * since a well-behaved client will not send these requests.
 */
class ConnectorRejectionsIntegrationTests extends AbstractUiIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void aHeaderOverTheLimitOnTheFeedIsAProblemNamingTheHeaders() throws Exception {
		Answer answer = RawHttp.toPort(this.port)
			.send("GET", "/api/feed", "Accept", "application/json", "X-Padding", "p".repeat(10 * 1024));

		assertProblem(answer, "headers", "max-size");
	}

	@Test
	void aUrlOverTheLimitIsAProblemNamingTheHeaders() throws Exception {
		Answer answer = RawHttp.toPort(this.port)
			.send("GET", "/api/feed?" + "level=full&".repeat(2_000), "Accept", "text/html");

		assertProblem(answer, "headers", "max-size");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/api/feed/%00", "/dashboard/api/%ff", "/actuator/health/a%2Fb" })
	void aPathTomcatCannotDecodeIsAProblemNamingThePath(String target) throws Exception {
		Answer answer = RawHttp.toPort(this.port).send("GET", target, "Accept", "*/*");

		assertProblem(answer, "path", "encoding");
	}

	@Test
	void aBrowserOnAPageKeepsAnHtmlAnswer() {
		Answer answer = RawHttp.toPort(this.port).send("GET", "/%ff", "Accept", "text/html,*/*;q=0.8");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(answer.body()).doesNotContain("Exception").doesNotContain("Tomcat");
	}

	private static void assertProblem(Answer answer, String field, String rule) throws Exception {
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(answer.body());
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("detail").asText()).isNotBlank();
		assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo(field);
		assertThat(problem.path("errors").path(0).path("rule").asText()).isEqualTo(rule);
	}

}
