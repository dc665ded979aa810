package dev.faultline.ui.system;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds the UI's 400 answer for a broken rule: the same problem+json shape as the backend's, with an
 * {@code errors} list naming the field and the rule.
 */
public final class InvalidRequest {

	/** The problem type the backend uses for broken rules too. */
	public static final URI TYPE = URI.create("https://faultline.dev/problems/validation");

	private InvalidRequest() {
	}

	/** A 400 problem naming one broken rule. */
	public static ProblemDetail problem(String field, String rule, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request breaks 1 rule(s), on: " + field + ".");
		problem.setType(TYPE);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(new Violation(field, rule, message)));
		return problem;
	}

	/**
	 * One broken rule, as in the backend's problem answers.
	 *
	 * @param field the parameter or field
	 * @param rule the rule's short name
	 * @param message what the rule requires
	 */
	public record Violation(String field, String rule, String message) {
	}

}
