package dev.faultline.backend.chaos;

import java.net.http.HttpResponse;

import dev.faultline.testsupport.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code faultline.chaos.token} set, every chaos call needs the token in
 * {@code X-Chaos-Token}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"spring.datasource.url=jdbc:h2:mem:chaos-token;DB_CLOSE_DELAY=-1", "faultline.chaos.token=stage-secret" })
class ChaosTokenIntegrationTests {

	@LocalManagementPort
	private int managementPort;

	private TestHttp management;

	@BeforeEach
	void clientForTheManagementPort() {
		this.management = TestHttp.toPort(this.managementPort);
	}

	@AfterEach
	void allFaultsOff() {
		send("DELETE", "/chaos", "stage-secret");
	}

	@Test
	void callsWithoutTheRightTokenAre401AndChangeNothing() {
		for (String token : new String[] { null, "", "guess" }) {
			HttpResponse<String> answer = send("PUT", "/chaos/latency?ms=5000", token);
			assertThat(answer.statusCode()).as("token %s", token).isEqualTo(401);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(answer.body()).contains(ChaosProperties.TOKEN_HEADER);
		}
		assertThat(send("GET", "/chaos", null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/chaos", "stage-secret").body()).contains("\"faults\" : [ ]");
	}

	@Test
	void callsWithTheTokenWork() {
		HttpResponse<String> answer = send("PUT", "/chaos/latency?ms=5", "stage-secret");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"fault\" : \"latency\"");
	}

	/** A call without a body, with the token when it is not {@code null}. */
	private HttpResponse<String> send(String method, String path, String token) {
		return (token != null) ? this.management.send(method, path, null, ChaosProperties.TOKEN_HEADER, token)
				: this.management.send(method, path, null);
	}

}
