package dev.faultline.backend.system;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.testsupport.RawHttp;
import dev.faultline.testsupport.RawHttp.Answer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Tomcat refuses before Spring sees the request is answered like every other
 * rejection of this API, on the API port and on the management port: a 400
 * {@code application/problem+json} that names what was wrong and the rule, never Tomcat's
 * HTML page. Sent over a raw socket, since a well-behaved client will not send these
 * requests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"spring.datasource.url=jdbc:h2:mem:connector-rejections;DB_CLOSE_DELAY=-1" })
class ConnectorRejectionsIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String TEN_KB = "k".repeat(10 * 1024);

	@LocalServerPort
	private int apiPort;

	@LocalManagementPort
	private int managementPort;

	static Stream<Arguments> rejections() {
		return Stream.of(Arguments.of("an Idempotency-Key of 10 KB", "/api/messages", "headers", "max-size", TEN_KB),
				Arguments.of("a URL of 2,000 parameters", "/chaos?" + "paths=/api/messages&".repeat(2_000), "headers",
						"max-size", null),
				Arguments.of("%00 in the path", "/api/messages/%00", "path", "encoding", null),
				Arguments.of("%ff in the path", "/api/messages/%ff", "path", "encoding", null),
				Arguments.of("an encoded / in the path", "/api/messages/a%2Fb", "path", "encoding", null),
				Arguments.of("a raw { in the path", "/api/messages/{1}", "request", "syntax", null));
	}

	@ParameterizedTest(name = "API port: {0}")
	@MethodSource("rejections")
	void theApiPortAnswersTomcatsRejectionsAsProblems(String what, String target, String field, String rule,
			String idempotencyKey) throws Exception {
		assertProblem(send(this.apiPort, target, idempotencyKey), field, rule);
	}

	@ParameterizedTest(name = "management port: {0}")
	@MethodSource("rejections")
	void theManagementPortAnswersTomcatsRejectionsAsProblems(String what, String target, String field, String rule,
			String idempotencyKey) throws Exception {
		assertProblem(send(this.managementPort, target, idempotencyKey), field, rule);
	}

	private static Answer send(int port, String target, String idempotencyKey) {
		return (idempotencyKey != null)
				? RawHttp.toPort(port).send("GET", target, "Accept", "*/*", "Idempotency-Key", idempotencyKey)
				: RawHttp.toPort(port).send("GET", target, "Accept", "*/*");
	}

	private static void assertProblem(Answer answer, String field, String rule) throws Exception {
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(answer.body());
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("title").asText()).isEqualTo("Bad Request");
		assertThat(problem.path("detail").asText()).isNotBlank();
		assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo(field);
		assertThat(problem.path("errors").path(0).path("rule").asText()).isEqualTo(rule);
		assertThat(answer.body()).doesNotContain("Exception").doesNotContain("<html");
	}

}
