package dev.faultline.problems;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

/**
 * Tomcat's error report for what Tomcat refuses before Spring sees the request, written
 * as {@code application/problem+json} instead of Tomcat's HTML page: request line and
 * headers over the limit (a 10 KB {@code Idempotency-Key}, a URL with thousands of
 * parameters) and paths Tomcat will not decode ({@code %00}, bytes that are not UTF-8, an
 * encoded {@code /}). The problem names what was wrong and the rule under {@code errors},
 * as every other problem answer of both services does. A request the service answers in
 * HTML (a browser's page) keeps Tomcat's short HTML page. Installed by
 * {@link ConnectorProblemCustomizer}.
 */
public class ConnectorProblemValve extends ErrorReportValve {

	private final ObjectMapper json;

	private final DataSize maxHeaderSize;

	private final String server;

	private final BiPredicate<String, String> forProgram;

	/**
	 * A valve that names the server {@code server} in its details ("this server", "the
	 * UI") and answers with a problem when {@code forProgram} holds for the raw path
	 * (empty when the request line itself was too long) and the {@code Accept} header.
	 */
	public ConnectorProblemValve(ObjectMapper json, DataSize maxHeaderSize, String server,
			BiPredicate<String, String> forProgram) {
		this.json = json;
		this.maxHeaderSize = maxHeaderSize;
		this.server = server;
		this.forProgram = forProgram;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
			return;
		}
		String rawPath = Objects.toString(request.getCoyoteRequest().requestURI().toString(), "");
		if (!this.forProgram.test(rawPath, request.getCoyoteRequest().getHeader("Accept"))) {
			super.report(request, response, throwable);
			return;
		}
		// Tomcat passes this attribute as the throwable; read it anyway when it did not.
		Throwable cause = (throwable != null) ? throwable
				: (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			byte[] body = this.json.writeValueAsBytes(problem(status, describe(response.getMessage(), cause), rawPath));
			response.setContentLength(body.length);
			OutputStream out = response.getOutputStream();
			out.write(body);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot take a body: nothing more to say.
		}
	}

	/**
	 * The problem for a status Tomcat set, told apart by what Tomcat said and by the path
	 * as it came: Tomcat's own messages are not part of the answer.
	 */
	public ProblemDetail problem(int status, String tomcatSaid, String rawPath) {
		HttpStatus known = HttpStatus.resolve(status);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle((known != null) ? known.getReasonPhrase() : "Error");
		if (status != 400) {
			problem.setDetail(problem.getTitle() + ".");
			return problem;
		}
		Broken broken;
		if (tomcatSaid.contains("header") && tomcatSaid.contains("too large")) {
			problem.setDetail("The request line and headers are larger than " + this.server + " accepts.");
			broken = new Broken("headers", "max-size", "the request line and all headers together must fit in "
					+ this.maxHeaderSize.toKilobytes() + " KB");
		}
		else if (rawPath.contains("%")) {
			problem.setDetail("The path could not be decoded.");
			broken = new Broken("path", "encoding",
					"a path must decode to UTF-8 text, without %00 and without an encoded / or \\");
		}
		else {
			problem.setDetail("The request is not valid HTTP/1.1.");
			broken = new Broken("request", "syntax", "the request line and headers must follow HTTP/1.1 (RFC 9112)");
		}
		problem.setProperty("errors", List.of(broken));
		return problem;
	}

	private static String describe(String message, Throwable cause) {
		return ((message != null) ? message : "") + " " + ((cause != null) ? String.valueOf(cause.getMessage()) : "");
	}

	/**
	 * The broken rule, in the shape of both services' {@code Violation}s.
	 *
	 * @param field what broke the rule
	 * @param rule the rule's short name
	 * @param message what the rule requires, for people
	 */
	record Broken(String field, String rule, String message) {
	}

}
