package dev.faultline.ui.system;

import dev.faultline.ui.resilience.ProtectionLevel;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A page that never needs the backend, listing the levels: the cascade test watches
 * whether it still answers.
 */
@Controller
class AboutController {

	static final String VIEW = "about";

	@GetMapping("/about")
	String about(Model model) {
		model.addAttribute("levels", ProtectionLevel.values());
		return VIEW;
	}

}
