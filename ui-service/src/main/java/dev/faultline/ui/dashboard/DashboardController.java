package dev.faultline.ui.dashboard;

import java.util.Arrays;
import java.util.List;

import dev.faultline.ui.resilience.ProtectionLevel;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The live dashboard page, {@code /dashboard}: the page itself is static;
 * {@code dashboard.js} fills it from the event stream.
 */
@Controller
class DashboardController {

	static final String VIEW = "dashboard";

	@GetMapping("/dashboard")
	String dashboard(Model model) {
		List<ProtectionLevel> protectedLevels = Arrays.stream(ProtectionLevel.values())
			.filter((level) -> level != ProtectionLevel.NONE)
			.toList();
		model.addAttribute("levels", protectedLevels);
		model.addAttribute("defaultLevel", ProtectionLevel.DEFAULT);
		model.addAttribute("rates", TrafficGenerator.RATES);
		model.addAttribute("chaosActions", Arrays.stream(ChaosAction.values()).map(ChaosAction::id).toList());
		return VIEW;
	}

}
