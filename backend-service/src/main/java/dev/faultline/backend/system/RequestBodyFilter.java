package dev.faultline.backend.system;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every API request body through {@link RequestBodies} before anything parses it:
 * over {@code faultline.api.max-body-size} is a 413 problem (at once when
 * {@code Content-Length} says so, or as soon as a chunked body passes the limit), a JSON
 * body that is not valid UTF-8 a 400 problem. It enables its own properties so that web
 * slice tests, which skip configuration classes, get the same limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@EnableConfigurationProperties(ApiProperties.class)
class RequestBodyFilter extends OncePerRequestFilter {

	private final long limit;

	private final ObjectMapper json;

	RequestBodyFilter(ApiProperties properties, ObjectMapper json) {
		this.limit = properties.maxBodySize().toBytes();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!RequestBodies.present(request)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body;
		try {
			body = RequestBodies.read(request, this.limit);
		}
		catch (ErrorResponseException ex) {
			ProblemResponses.write(response, this.json, ex.getBody());
			return;
		}
		chain.doFilter(new ReadBodyRequest(request, body), response);
	}

	/** The request with its body already read: the stream replays the checked bytes. */
	private static final class ReadBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body has already been read");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			Charset charset = (getCharacterEncoding() != null) ? Charset.forName(getCharacterEncoding())
					: StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
