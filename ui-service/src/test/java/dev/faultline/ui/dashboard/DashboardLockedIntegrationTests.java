package dev.faultline.ui.dashboard;

import java.nio.charset.StandardCharsets;

import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A UI published beyond loopback ({@code FAULTLINE_UI_ADDRESS=0.0.0.0}) without a speaker
 * token: it starts and serves every page, but its controls are locked for everyone, with
 * the reason on the page and in a 403 problem, since the room and the speaker look alike
 * to it. (The start-up warning is {@link SpeakerAccessTests}'.)
 */
@AutoConfigureMockMvc
@TestPropertySource(properties = { "faultline.dashboard.public-address=0.0.0.0", "faultline.dashboard.speaker-token=" })
class DashboardLockedIntegrationTests extends AbstractUiIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@DynamicPropertySource
	static void pointTheChaosPanelAtTheStub(DynamicPropertyRegistry registry) {
		registry.add("faultline.backend.management-url", backend::baseUrl);
	}

	@Test
	void controlsAreA403ProblemNamingTheMissingTokenForEveryoneAndTheBackendHearsNothing() throws Exception {
		for (String guess : new String[] { null, "", "anything" }) {
			MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post("/dashboard/chaos/outage")
				.with(csrf().asHeader());
			if (guess != null) {
				request.header(SpeakerAccess.HEADER, guess);
			}
			MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
			String body = response.getContentAsString(StandardCharsets.UTF_8);

			assertThat(response.getStatus()).as(body).isEqualTo(403);
			assertThat(response.getContentType()).isEqualTo("application/problem+json");
			assertThat(body).contains("\"rule\":\"speaker-token-not-set\"")
				.contains("published on 0.0.0.0")
				.contains("FAULTLINE_SPEAKER_TOKEN");
		}
		backend.verify(0, StubBackend.chaosChanges());
	}

	@Test
	void thePagesStillServeAndTheDashboardSaysWhyItsControlsAreLocked() throws Exception {
		MockHttpServletResponse dashboard = this.mvc.perform(MockMvcRequestBuilders.get("/dashboard"))
			.andReturn()
			.getResponse();

		assertThat(dashboard.getStatus()).isEqualTo(200);
		assertThat(dashboard.getContentAsString(StandardCharsets.UTF_8)).contains("data-locked=\"true\"")
			.contains("Locked: this UI is published on 0.0.0.0 without a speaker token");
		assertThat(this.mvc.perform(MockMvcRequestBuilders.get("/about")).andReturn().getResponse().getStatus())
			.isEqualTo(200);
	}

}
