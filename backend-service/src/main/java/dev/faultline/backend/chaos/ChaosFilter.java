package dev.faultline.backend.chaos;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.backend.chaos.ChaosEngine.Injection;
import dev.faultline.backend.system.ProblemResponses;
import dev.faultline.backend.system.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Applies the faults that hit a request on the API port, in {@link Fault} order: a
 * dropped connection ends the request at once; a hang and a latency delay it and let it
 * go on; an error answers instead of the API; a body fault lets the API answer and then
 * breaks that answer. Registered in the main context only, so it never touches the
 * management port.
 */
class ChaosFilter extends OncePerRequestFilter {

	/** Response header naming each fault injected into the response. */
	static final String INJECTED = "X-Chaos-Injected";

	private static final byte[] MALFORMATION = "#chaos:malformed".getBytes(StandardCharsets.US_ASCII);

	private final ChaosEngine engine;

	private final ObjectMapper json;

	ChaosFilter(ChaosEngine engine, ObjectMapper json) {
		this.engine = engine;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<Injection> injections = this.engine.select(request.getMethod(), request.getRequestURI());
		for (Injection injection : injections) {
			Effect effect = injection.effect();
			if (effect instanceof Effect.Down || effect instanceof Effect.Reset) {
				ConnectionAbortValve.abort(request);
				return;
			}
			response.addHeader(INJECTED, injection.fault().fault().id());
			if (effect instanceof Effect.Hang hang) {
				this.engine.hold(injection.fault(), hang.maxMs());
			}
			else if (effect instanceof Effect.Latency latency) {
				this.engine.hold(injection.fault(), latency.pick());
			}
			else if (effect instanceof Effect.Error error) {
				answerError(request, response, error);
				return;
			}
			else {
				ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
				chain.doFilter(request, answer);
				breakBody(request, response, answer.getContentAsByteArray(), injection);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private void answerError(HttpServletRequest request, HttpServletResponse response, Effect.Error error)
			throws IOException {
		// Any code 400..599 may be asked for, also one without a name (450):
		// HttpStatusCode, not HttpStatus.
		HttpStatus named = HttpStatus.resolve(error.status());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(error.status()),
				"This " + error.status() + " was injected by the Faultline chaos API; the request was not processed.");
		problem.setType(ProblemTypes.CHAOS_INJECTED);
		problem
			.setTitle("Injected failure: " + ((named != null) ? named.getReasonPhrase() : "status " + error.status()));
		problem.setInstance(URI.create(request.getRequestURI()));
		if (error.retryAfter() != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(error.retryAfter()));
		}
		ProblemResponses.write(response, this.json, problem);
	}

	private void breakBody(HttpServletRequest request, HttpServletResponse response, byte[] body, Injection injection)
			throws IOException {
		ServletOutputStream out = response.getOutputStream();
		if (injection.effect() instanceof Effect.Truncate) {
			// Promise the whole body, send half of it, then drop the connection.
			response.setContentLength(Math.max(body.length, 1));
			out.write(body, 0, body.length / 2);
			response.flushBuffer();
			ConnectionAbortValve.abort(request);
		}
		else if (injection.effect() instanceof Effect.Malformed) {
			byte[] broken = Arrays.copyOf(body, body.length / 2 + MALFORMATION.length);
			System.arraycopy(MALFORMATION, 0, broken, body.length / 2, MALFORMATION.length);
			response.setContentLength(broken.length);
			out.write(broken);
		}
		else if (injection.effect() instanceof Effect.SlowBody slow) {
			response.setContentLength(body.length);
			response.flushBuffer();
			for (int sent = 0; sent < body.length; sent += slow.chunkBytes()) {
				boolean stillSlow = this.engine.hold(injection.fault(), slow.chunkDelayMs());
				int length = stillSlow ? Math.min(slow.chunkBytes(), body.length - sent) : body.length - sent;
				out.write(body, sent, length);
				out.flush();
				if (!stillSlow) {
					break;
				}
			}
		}
	}

}
