package dev.faultline.backend.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Refuses a query parameter given more than once ({@code ?limit=5&limit=abc}): every
 * parameter of the API takes one value, and silently using the first would hide the
 * client's mistake.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class SingleValueParametersFilter extends OncePerRequestFilter {

	private final ObjectMapper json;

	SingleValueParametersFilter(ObjectMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<Violation> repeated = repeated(request.getQueryString()).stream()
			.map((name) -> new Violation(name, "single-value", "is given more than once; give it once"))
			.toList();
		if (!repeated.isEmpty()) {
			ProblemResponses.write(response, this.json, ProblemResponses.invalid(repeated));
			return;
		}
		chain.doFilter(request, response);
	}

	/** The names given more than once, decoded, in the order they first repeat. */
	static List<String> repeated(String query) {
		List<String> repeated = new ArrayList<>();
		if (query == null || query.isEmpty()) {
			return repeated;
		}
		Set<String> seen = new HashSet<>();
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = name((equals >= 0) ? pair.substring(0, equals) : pair);
			if (!name.isEmpty() && !seen.add(name) && !repeated.contains(name)) {
				repeated.add(name);
			}
		}
		return repeated;
	}

	private static String name(String raw) {
		try {
			return UriUtils.decode(raw.replace('+', ' '), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return raw;
		}
	}

}
