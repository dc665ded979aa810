package dev.faultline.ui.message;

import java.net.URI;

import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.system.InvalidRequest;

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
		if (ProtectionLevel.class.equals(ex.getRequiredType())) {
			return InvalidRequest.problem(ex.getName(), "allowed-values", "must be one of: " + ProtectionLevel.allowedIds());
		}
		return InvalidRequest.problem(ex.getName(), "type", "has the wrong type");
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
