package dev.faultline.ui.dashboard;

import java.util.Arrays;
import java.util.List;

import dev.faultline.ui.resilience.ProtectionLevel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The live dashboard page, {@code /dashboard}: the page itself is static;
 * {@code dashboard.js} fills it from the event stream. Anyone may look; when the controls
 * are not this browser's ({@link SpeakerAccess}) they are shown disabled, with the
 * reason. The speaker's link, {@code /dashboard?speaker=TOKEN}, marks the browser with
 * the speaker's cookie and redirects to {@code /dashboard}, so that the token leaves the
 * address bar (which may be on the projector) at once.
 */
@Controller
class DashboardController {

	static final String VIEW = "dashboard";

	private final SpeakerAccess speaker;

	private final BackendChaos chaos;

	DashboardController(SpeakerAccess speaker, BackendChaos chaos) {
		this.speaker = speaker;
		this.chaos = chaos;
	}

	@GetMapping("/dashboard")
	String dashboard(@RequestParam(name = SpeakerAccess.LINK_PARAMETER, required = false) String link,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (link != null && this.speaker.isToken(link)) {
			response.addHeader(HttpHeaders.SET_COOKIE, this.speaker.cookie(request.isSecure()).toString());
			return "redirect:/dashboard";
		}
		String lock = this.speaker.refusal(request).map(SpeakerAccess.Refusal::reason).orElse(null);
		if (lock != null && link != null && this.speaker.tokenRequired()) {
			lock = "The speaker token in this link is wrong: the controls stay the speaker's.";
		}
		List<ProtectionLevel> protectedLevels = Arrays.stream(ProtectionLevel.values())
			.filter((level) -> level != ProtectionLevel.NONE)
			.toList();
		model.addAttribute("levels", protectedLevels);
		model.addAttribute("defaultLevel", ProtectionLevel.DEFAULT);
		model.addAttribute("rates", TrafficGenerator.RATES);
		model.addAttribute("chaosActions", Arrays.stream(ChaosAction.values()).map(ChaosAction::id).toList());
		model.addAttribute("chaosTargets", this.chaos.targetNames());
		model.addAttribute("chaosAll", BackendChaos.ALL);
		model.addAttribute("controlsLock", lock);
		return VIEW;
	}

}
