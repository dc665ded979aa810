package dev.faultline.problems;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Gives a problem+json body to an actuator error that has none: actuator answers an
 * unknown metric or health group ({@code /actuator/health/nope}) with a bare 404, which
 * tells a program nothing.
 */
public class BodilessErrorFilter extends OncePerRequestFilter {

	private final ObjectMapper json;

	public BodilessErrorFilter(ObjectMapper json) {
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/actuator/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, answer);
		HttpStatus status = HttpStatus.resolve(answer.getStatus());
		if (status != null && status.isError() && answer.getContentSize() == 0 && !response.isCommitted()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
					(status == HttpStatus.NOT_FOUND) ? "No resource at this path." : status.getReasonPhrase() + ".");
			answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			answer.getOutputStream().write(this.json.writeValueAsBytes(problem));
		}
		answer.copyBodyToResponse();
	}

}
