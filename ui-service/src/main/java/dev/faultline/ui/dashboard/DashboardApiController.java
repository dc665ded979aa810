package dev.faultline.ui.dashboard;

import java.util.stream.Collectors;

import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.system.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's endpoints: the event stream, the chaos panel and the traffic generator.
 * State-changing calls are POST or DELETE and need the page's CSRF token, like the UI's
 * forms, and the speaker's token when there is one ({@link SpeakerControls}). Bad input
 * is a 400 {@code application/problem+json} whose {@code errors} name the field and the
 * rule ({@code system.ApiProblems}).
 */
@RestController
@RequestMapping("/dashboard")
class DashboardApiController {

	private final DashboardStreams streams;

	private final BackendChaos chaos;

	private final TrafficGenerator traffic;

	private final SpeakerAccess speaker;

	DashboardApiController(DashboardStreams streams, BackendChaos chaos, TrafficGenerator traffic,
			SpeakerAccess speaker) {
		this.streams = streams;
		this.chaos = chaos;
		this.traffic = traffic;
		this.speaker = speaker;
	}

	/**
	 * The live stream: {@code history} once, {@code snapshot} every second,
	 * {@code event}s as they happen. The speaker's browser also finds a stream when the
	 * room has taken every other one.
	 */
	@GetMapping("/stream")
	SseEmitter stream(@RequestParam(defaultValue = ProtectionLevel.Names.DEFAULT) ProtectionLevel level,
			HttpServletRequest request) {
		return this.streams.open(level, this.speaker.isSpeaker(request));
	}

	@GetMapping("/chaos")
	ChaosStatus chaos() {
		return this.chaos.refresh();
	}

	/**
	 * Sends the action to the whole backend ({@code target=all}, the default) or to one
	 * replica, named as on the panel.
	 */
	@PostMapping("/chaos/{action}")
	ChaosResult chaos(@PathVariable String action, @RequestParam(defaultValue = BackendChaos.ALL) String target) {
		ChaosAction chosen = ChaosAction.fromId(action)
			.orElseThrow(() -> new InvalidRequestException("action", "allowed-values",
					"must be one of: " + ChaosAction.allowedIds()));
		if (!this.chaos.isTarget(target)) {
			throw new InvalidRequestException("target", "allowed-values",
					"must be one of: " + this.chaos.allowedTargets());
		}
		return this.chaos.apply(chosen, target);
	}

	@GetMapping("/traffic")
	TrafficStatus traffic() {
		return this.traffic.status();
	}

	@PostMapping("/traffic")
	TrafficStatus startTraffic(@RequestParam(defaultValue = ProtectionLevel.Names.DEFAULT) ProtectionLevel level,
			@RequestParam int rate) {
		if (!TrafficGenerator.RATES.contains(rate)) {
			throw new InvalidRequestException("rate", "allowed-values", "must be one of: "
					+ TrafficGenerator.RATES.stream().map(String::valueOf).collect(Collectors.joining(", ")));
		}
		return this.traffic.start(level, rate);
	}

	@DeleteMapping("/traffic")
	TrafficStatus stopTraffic() {
		return this.traffic.stopSending();
	}

}
