package dev.faultline.backend.system;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers {@code /error}, where the servlet container sends errors that happen outside
 * Spring MVC (a filter's {@code sendError}, a rejected request), with the same
 * problem+json as everything else. Asked for directly, {@code /error} is just a path that
 * does not exist: 404, not Spring Boot's {@code {"status":999}}.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value && HttpStatus.resolve(value) != null)
				? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem
			.setDetail((status == HttpStatus.NOT_FOUND) ? "No resource at this path." : status.getReasonPhrase() + ".");
		try {
			problem.setInstance(URI.create(String.valueOf((uri != null) ? uri : request.getRequestURI())));
		}
		catch (IllegalArgumentException ex) {
			// A request URI that is not a valid URI reference: the problem is complete
			// without it.
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
