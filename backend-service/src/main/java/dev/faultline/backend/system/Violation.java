package dev.faultline.backend.system;

import java.util.List;

import org.springframework.http.ProblemDetail;

/**
 * One broken rule in a rejected request, listed under {@code errors} in a problem+json
 * answer.
 *
 * @param field the JSON field, query parameter or header that broke the rule
 * @param rule a short machine-readable rule name, such as {@code size} or
 * {@code unknown-field}
 * @param message what the rule requires, for people
 */
public record Violation(String field, String rule, String message) {

	/** The problem property that carries the violations. */
	public static final String ERRORS = "errors";

	/** Adds the violations to a problem as its {@code errors} list. */
	public static ProblemDetail attach(ProblemDetail problem, List<Violation> violations) {
		problem.setProperty(ERRORS, violations);
		return problem;
	}

}
