package dev.faultline.problems;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem for each rejection Tomcat makes before Spring sees the request, told apart
 * by what Tomcat said and the raw path, worded with the service's name.
 */
class ConnectorProblemValveTests {

	private final ConnectorProblemValve valve = new ConnectorProblemValve(new ObjectMapper(), DataSize.ofKilobytes(8),
			"the UI", (rawPath, accept) -> true);

	@Test
	void headersOverTheLimitNameTheServerAndTheLimit() {
		ProblemDetail problem = this.valve.problem(400, "Request header is too large null", "/api/messages");

		assertThat(problem.getTitle()).isEqualTo("Bad Request");
		assertThat(problem.getDetail()).isEqualTo("The request line and headers are larger than the UI accepts.");
		assertThat(problem.getProperties()).containsEntry("errors", List.of(new ConnectorProblemValve.Broken("headers",
				"max-size", "the request line and all headers together must fit in 8 KB")));
	}

	@Test
	void aPathThatDoesNotDecodeBreaksTheEncodingRule() {
		ProblemDetail problem = this.valve.problem(400, " null", "/api/%00");

		assertThat(problem.getDetail()).isEqualTo("The path could not be decoded.");
		assertThat(problem.getProperties()).containsEntry("errors", List.of(new ConnectorProblemValve.Broken("path",
				"encoding", "a path must decode to UTF-8 text, without %00 and without an encoded / or \\")));
	}

	@Test
	void anythingElseAt400IsNotValidHttp() {
		ProblemDetail problem = this.valve.problem(400, "Invalid character found in method name", "");

		assertThat(problem.getDetail()).isEqualTo("The request is not valid HTTP/1.1.");
		assertThat(problem.getProperties()).containsEntry("errors", List.of(new ConnectorProblemValve.Broken("request",
				"syntax", "the request line and headers must follow HTTP/1.1 (RFC 9112)")));
	}

	@Test
	void anotherStatusIsItsReasonWithoutErrors() {
		ProblemDetail problem = this.valve.problem(505, "HTTP version not supported", "/");

		assertThat(problem.getStatus()).isEqualTo(505);
		assertThat(problem.getDetail()).isEqualTo("HTTP Version not supported.");
		assertThat(problem.getProperties()).isNull();
	}

	@Test
	void aBrokenRuleIsWrittenInTheServicesViolationShape() throws Exception {
		String json = new ObjectMapper().writeValueAsString(new ConnectorProblemValve.Broken("path", "encoding", "m"));

		assertThat(json).isEqualTo("{\"field\":\"path\",\"rule\":\"encoding\",\"message\":\"m\"}");
	}

}
