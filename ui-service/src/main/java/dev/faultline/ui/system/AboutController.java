package dev.faultline.ui.system;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A static page that never needs the backend: the cascade test watches whether it still
 * answers.
 */
@Controller
class AboutController {

	static final String VIEW = "about";

	@GetMapping("/about")
	String about() {
		return VIEW;
	}

}
