package dev.faultline.backend.system;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem+json answer from a servlet filter, where Spring MVC's exception
 * handling does not reach.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	/**
	 * Writes the problem with its status and content type, unless the response is already
	 * committed.
	 */
	public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

	/** A problem with the given status, type, title and detail. */
	public static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	/** A 400 validation problem whose {@code errors} list names each broken rule. */
	public static ProblemDetail invalid(List<Violation> violations) {
		String fields = violations.stream().map(Violation::field).distinct().collect(Collectors.joining(", "));
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
				"The request breaks " + violations.size() + " rule(s), on: " + fields + ".");
		return Violation.attach(problem, violations);
	}

}
