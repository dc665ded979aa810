package dev.faultline.ui.dashboard;

import java.net.URI;
import java.util.stream.Collectors;

import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.system.InvalidRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's endpoints: the event stream, the chaos panel and the traffic generator. State-changing calls are
 * POST or DELETE and need the page's CSRF token, like the UI's forms. Bad input is a 400
 * {@code application/problem+json} whose {@code errors} name the field and the rule.
 */
@RestController
@RequestMapping("/dashboard")
class DashboardApiController {

	/** All dashboard streams are taken. */
	static final URI TOO_MANY_STREAMS = URI.create("https://faultline.dev/problems/too-many-streams");

	/** The backend's chaos API did not take the action. */
	static final URI CHAOS_UNAVAILABLE = URI.create("https://faultline.dev/problems/chaos-unavailable");

	private final DashboardStreams streams;

	private final BackendChaos chaos;

	private final TrafficGenerator traffic;

	DashboardApiController(DashboardStreams streams, BackendChaos chaos, TrafficGenerator traffic) {
		this.streams = streams;
		this.chaos = chaos;
		this.traffic = traffic;
	}

	/** The live stream: {@code history} once, {@code snapshot} every second, {@code event}s as they happen. */
	@GetMapping("/stream")
	SseEmitter stream(@RequestParam(defaultValue = ProtectionLevel.Names.FULL) ProtectionLevel level) {
		return this.streams.open(level);
	}

	@GetMapping("/chaos")
	ChaosStatus chaos() {
		return this.chaos.refresh();
	}

	@PostMapping("/chaos/{action}")
	ChaosStatus chaos(@PathVariable String action) {
		ChaosAction chosen = ChaosAction.fromId(action)
			.orElseThrow(() -> new InvalidDashboardRequestException("action", "allowed-values",
					"must be one of: " + ChaosAction.allowedIds()));
		return this.chaos.apply(chosen);
	}

	@GetMapping("/traffic")
	TrafficStatus traffic() {
		return this.traffic.status();
	}

	@PostMapping("/traffic")
	TrafficStatus startTraffic(@RequestParam(defaultValue = ProtectionLevel.Names.FULL) ProtectionLevel level,
			@RequestParam int rate) {
		if (!TrafficGenerator.RATES.contains(rate)) {
			throw new InvalidDashboardRequestException("rate", "allowed-values", "must be one of: "
					+ TrafficGenerator.RATES.stream().map(String::valueOf).collect(Collectors.joining(", ")));
		}
		return this.traffic.start(level, rate);
	}

	@DeleteMapping("/traffic")
	TrafficStatus stopTraffic() {
		return this.traffic.stopSending();
	}

	@ExceptionHandler(InvalidDashboardRequestException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidDashboardRequestException ex) {
		return badRequest(ex.field(), ex.rule(), ex.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> wrongType(MethodArgumentTypeMismatchException ex) {
		if (ProtectionLevel.class.equals(ex.getRequiredType())) {
			return badRequest(ex.getName(), "allowed-values", "must be one of: " + ProtectionLevel.allowedIds());
		}
		return badRequest(ex.getName(), "type", "must be a whole number");
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException ex) {
		return badRequest(ex.getParameterName(), "required", "is required");
	}

	@ExceptionHandler(TooManyStreamsException.class)
	ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreamsException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setType(TOO_MANY_STREAMS);
		problem.setTitle("Too many dashboard streams");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "10")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(ChaosUnavailableException.class)
	ResponseEntity<ProblemDetail> chaosUnavailable(ChaosUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setType(CHAOS_UNAVAILABLE);
		problem.setTitle("Chaos API unavailable");
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static ResponseEntity<ProblemDetail> badRequest(String field, String rule, String message) {
		return ResponseEntity.badRequest()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(InvalidRequest.problem(field, rule, message));
	}

}
