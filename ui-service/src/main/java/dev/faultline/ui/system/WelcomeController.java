package dev.faultline.ui.system;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the placeholder welcome page until the resilient messages page arrives.
 */
@Controller
class WelcomeController {

	static final String VIEW = "welcome";

	@GetMapping("/")
	String welcome() {
		return VIEW;
	}

}
