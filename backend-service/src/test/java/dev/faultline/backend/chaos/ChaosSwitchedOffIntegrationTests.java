package dev.faultline.backend.chaos;

import java.net.http.HttpResponse;

import dev.faultline.testsupport.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code faultline.chaos.enabled=false} the chaos API does not exist: its endpoints
 * answer 404 and no part that could inject a fault is running.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"spring.datasource.url=jdbc:h2:mem:chaos-off;DB_CLOSE_DELAY=-1", "faultline.chaos.enabled=false" })
class ChaosSwitchedOffIntegrationTests {

	@LocalServerPort
	private int apiPort;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ApplicationContext context;

	@Test
	void endpointsAnswer404AndNothingIsInjected() {
		TestHttp management = TestHttp.toPort(this.managementPort);
		for (String path : new String[] { "/chaos/latency?ms=5000", "/chaos/down", "/chaos/scenarios/outage" }) {
			assertThat(management.send("PUT", path, null).statusCode()).as(path).isEqualTo(404);
		}
		assertThat(management.get("/chaos").statusCode()).isEqualTo(404);

		HttpResponse<String> answer = TestHttp.toPort(this.apiPort).get("/api/messages");
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue(ChaosFilter.INJECTED)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ChaosEngine.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ChaosFilter.class)).isEmpty();
	}

}
