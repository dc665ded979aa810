package dev.faultline.backend.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.AfterEach;
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

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalManagementPort
	private int managementPort;

	@AfterEach
	void allFaultsOff() throws Exception {
		send("DELETE", "/chaos", "stage-secret");
	}

	@Test
	void callsWithoutTheRightTokenAre401AndChangeNothing() throws Exception {
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
	void callsWithTheTokenWork() throws Exception {
		HttpResponse<String> answer = send("PUT", "/chaos/latency?ms=5", "stage-secret");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"fault\" : \"latency\"");
	}

	private HttpResponse<String> send(String method, String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header(ChaosProperties.TOKEN_HEADER, token);
		}
		return this.client.send(request.build(), BodyHandlers.ofString());
	}

}
