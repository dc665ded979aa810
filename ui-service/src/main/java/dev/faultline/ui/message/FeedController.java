package dev.faultline.ui.message;

import java.net.URI;
import java.util.List;

import dev.faultline.ui.resilience.ProtectionLevel;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The JSON twin of the messages page, for tools, tests and the dashboard: {@code GET /api/feed?level=...}.
 */
@RestController
class FeedController {

	/** The same problem type the backend uses for broken rules. */
	static final URI VALIDATION = URI.create("https://faultline.dev/problems/validation");

	/** A backend failure passed through by the unprotected level. */
	static final URI BACKEND_FAILED = URI.create("https://faultline.dev/problems/backend-failed");

	private final FeedService feeds;

	FeedController(FeedService feeds) {
		this.feeds = feeds;
	}

	@GetMapping(path = "/api/feed", produces = MediaType.APPLICATION_JSON_VALUE)
	Feed feed(@RequestParam(defaultValue = ProtectionLevel.Names.FULL) ProtectionLevel level) {
		return this.feeds.feed(level);
	}

	/** An unknown level: 400 naming the parameter and the allowed values. */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ProblemDetail badParameter(MethodArgumentTypeMismatchException ex) {
		String allowed = ProtectionLevel.class.equals(ex.getRequiredType()) ? "must be one of: " + ProtectionLevel.allowedIds()
				: "has the wrong type";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request breaks 1 rule(s), on: " + ex.getName() + ".");
		problem.setType(VALIDATION);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(new Violation(ex.getName(), "allowed-values", allowed)));
		return problem;
	}

	/**
	 * One broken rule, as in the backend's problem answers.
	 *
	 * @param field the parameter
	 * @param rule the rule's short name
	 * @param message what the rule requires
	 */
	record Violation(String field, String rule, String message) {
	}

	/** Level {@code none} has no protection: the failure reaches the caller as a 502. */
	@ExceptionHandler(UnprotectedCallFailedException.class)
	@ResponseStatus(HttpStatus.BAD_GATEWAY)
	ProblemDetail unprotectedFailure(UnprotectedCallFailedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage()
				+ "; level none has no timeout, retry, breaker or fallback.");
		problem.setType(BACKEND_FAILED);
		problem.setTitle("Backend call failed");
		problem.setProperty("level", ProtectionLevel.NONE.id());
		problem.setProperty("reason", ex.reason().label());
		problem.setProperty("elapsedMs", ex.elapsedMs());
		return problem;
	}

}
