package dev.faultline.ui.system;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WelcomeController}.
 */
@WebMvcTest(WelcomeController.class)
class WelcomeControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void rendersThePlaceholderPage() {
		assertThat(this.mvc.get().uri("/")).hasStatusOk().hasViewName(WelcomeController.VIEW)
			.bodyText().contains("Faultline");
	}

}
