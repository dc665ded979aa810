package dev.faultline.ui.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a request body before Spring Security reads the form's CSRF token out of it, so
 * that the answer says what is wrong: a body that is not a URL-encoded form is a 415 (a
 * multipart post used to be parsed and fail with two ERROR stack traces), one over
 * {@code server.tomcat.max-http-form-post-size} a 413 (Tomcat used to drop its parameters
 * silently, which then looked like a missing CSRF token: 403). The answer comes from
 * {@link ErrorPages}. It runs inside Spring Security's chain, just before the CSRF check,
 * so that these answers carry the same browser headers as every page
 * ({@link SecurityConfiguration}).
 */
class FormRequestFilter extends OncePerRequestFilter {

	/** Set by Tomcat when it could not read a request's parameters. */
	private static final String PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

	private static final String PARSE_FAILED_REASON = "org.apache.catalina.parameter_parse_failed_reason";

	private final long limit;

	FormRequestFilter(ServerProperties server) {
		this.limit = server.getTomcat().getMaxHttpFormPostSize().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
		if (hasBody && !isForm(request.getContentType())) {
			response.sendError(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
			return;
		}
		if (request.getContentLengthLong() > this.limit) {
			response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
			return;
		}
		if (hasBody && request.getParameterMap() != null && request.getAttribute(PARSE_FAILED) != null) {
			// A chunked form over the limit, or one Tomcat could not decode: its fields
			// are gone, so nothing can be posted.
			response
				.sendError(isTooLarge(request) ? HttpStatus.PAYLOAD_TOO_LARGE.value() : HttpStatus.BAD_REQUEST.value());
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isTooLarge(HttpServletRequest request) {
		return String.valueOf(request.getAttribute(PARSE_FAILED_REASON)).contains("TOO_LARGE");
	}

	private static boolean isForm(String contentType) {
		try {
			return contentType != null && MediaType.APPLICATION_FORM_URLENCODED
				.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
