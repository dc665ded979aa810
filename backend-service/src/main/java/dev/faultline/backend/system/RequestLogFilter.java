package dev.faultline.backend.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logs one INFO line per API call: method, path, status and duration, as
 * {@code key=value} pairs that are easy to read on stage and easy to grep.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestLogFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger("dev.faultline.backend.api");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		String outcome = "ok";
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			outcome = ex.getClass().getSimpleName();
			throw ex;
		}
		finally {
			long ms = (System.nanoTime() - start) / 1_000_000;
			log.info("method={} path={} status={} durationMs={} outcome={}", request.getMethod(),
					request.getRequestURI(), response.getStatus(), ms, outcome);
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

}
