package dev.faultline.backend.chaos;

import java.util.List;
import java.util.Locale;

import org.springframework.util.AntPathMatcher;

/**
 * The requests a fault applies to.
 *
 * @param methods HTTP methods in upper case; empty for all
 * @param paths Ant-style path patterns, such as {@code /api/**} or {@code /api/messages/*}
 */
record Scope(List<String> methods, List<String> paths) {

	static final Scope ALL_API = new Scope(List.of(), List.of("/api/**"));

	private static final AntPathMatcher matcher = new AntPathMatcher();

	boolean matches(String method, String path) {
		return (this.methods.isEmpty() || this.methods.contains(method.toUpperCase(Locale.ROOT)))
				&& this.paths.stream().anyMatch((pattern) -> matcher.match(pattern, path));
	}

	String describe() {
		return (this.methods.isEmpty() ? "" : String.join("/", this.methods) + " ") + String.join(", ", this.paths);
	}

}
