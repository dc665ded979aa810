package dev.faultline.backend.chaos;

import java.util.List;
import java.util.Locale;

import org.springframework.util.AntPathMatcher;

/**
 * The requests a fault applies to.
 *
 * @param methods HTTP methods in upper case; empty for all
 * @param paths Ant-style path patterns, such as {@code /api/**} or
 * {@code /api/messages/*}
 */
record Scope(List<String> methods, List<String> paths) {

	static final Scope ALL_API = new Scope(List.of(), List.of("/api/**"));

	private static final CheckingMatcher matcher = new CheckingMatcher();

	boolean matches(String method, String path) {
		return (this.methods.isEmpty() || this.methods.contains(method.toUpperCase(Locale.ROOT)))
				&& this.paths.stream().anyMatch((pattern) -> matcher.match(pattern, path));
	}

	String describe() {
		return (this.methods.isEmpty() ? "" : String.join("/", this.methods) + " ") + String.join(", ", this.paths);
	}

	/**
	 * Why a path pattern cannot be installed, or {@code null} if it can: every segment
	 * must compile exactly as the matcher will compile it when a request comes (so
	 * {@code /api/messages/{id:[}} is refused now, not by a 500 on every later request),
	 * and no segment may be {@code .} or {@code ..}, which no normalised request path
	 * has.
	 */
	static String problemWith(String pattern) {
		for (String segment : matcher.segments(pattern)) {
			if (segment.equals(".") || segment.equals("..")) {
				return "must not contain . or .. segments";
			}
			try {
				matcher.compile(segment);
			}
			catch (IllegalArgumentException ex) {
				return "segment '" + segment + "' is not a valid pattern";
			}
		}
		return null;
	}

	/**
	 * The Ant matcher, with its own tokenizing and segment compiling opened up for
	 * {@link #problemWith}.
	 */
	private static final class CheckingMatcher extends AntPathMatcher {

		String[] segments(String pattern) {
			return tokenizePattern(pattern);
		}

		void compile(String segment) {
			getStringMatcher(segment);
		}

	}

}
