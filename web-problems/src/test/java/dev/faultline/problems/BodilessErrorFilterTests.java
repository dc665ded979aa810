package dev.faultline.problems;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An actuator error without a body gets a problem; any other answer passes as it was.
 */
class BodilessErrorFilterTests {

	private final BodilessErrorFilter filter = new BodilessErrorFilter(new ObjectMapper());

	private MockHttpServletResponse answer(String path, int status, String body) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		HttpServlet endpoint = new HttpServlet() {
			@Override
			protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
				response.setStatus(status);
				response.getWriter().write(body);
			}
		};
		this.filter.doFilter(new MockHttpServletRequest("GET", path), response, new MockFilterChain(endpoint));
		return response;
	}

	@Test
	void aBareActuator404BecomesAProblem() throws Exception {
		MockHttpServletResponse response = answer("/actuator/health/nope", 404, "");

		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"detail\":\"No resource at this path.\"")
			.contains("\"status\":404");
	}

	@Test
	void anotherBareActuatorErrorIsItsReason() throws Exception {
		MockHttpServletResponse response = answer("/actuator/metrics", 503, "");

		assertThat(response.getContentAsString()).contains("\"detail\":\"Service Unavailable.\"");
	}

	@Test
	void anErrorWithABodyKeepsIt() throws Exception {
		MockHttpServletResponse response = answer("/actuator/health", 503, "{\"status\":\"DOWN\"}");

		assertThat(response.getContentAsString()).isEqualTo("{\"status\":\"DOWN\"}");
	}

	@Test
	void pathsOutsideActuatorAreLeftAlone() throws Exception {
		MockHttpServletResponse response = answer("/api/nope", 404, "");

		assertThat(response.getContentAsString()).isEmpty();
		assertThat(response.getContentType()).isNull();
	}

}
