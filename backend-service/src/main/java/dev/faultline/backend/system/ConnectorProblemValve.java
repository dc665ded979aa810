package dev.faultline.backend.system;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

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
 * encoded {@code /}). The problem names what was wrong and the rule, as every other
 * answer of this API does. Installed on both ports by {@link ConnectorProblems}.
 */
class ConnectorProblemValve extends ErrorReportValve {

	private final ObjectMapper json;

	private final DataSize maxHeaderSize;

	ConnectorProblemValve(ObjectMapper json, DataSize maxHeaderSize) {
		this.json = json;
		this.maxHeaderSize = maxHeaderSize;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
			return;
		}
		Throwable cause = (throwable != null) ? throwable
				: (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		String rawPath = Objects.toString(request.getCoyoteRequest().requestURI().toString(), "");
		ProblemDetail problem = problem(status, describe(response.getMessage(), cause), rawPath);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			byte[] body = this.json.writeValueAsBytes(problem);
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
	ProblemDetail problem(int status, String tomcatSaid, String rawPath) {
		HttpStatus known = HttpStatus.resolve(status);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle((known != null) ? known.getReasonPhrase() : "Error");
		if (status != 400) {
			problem.setDetail(problem.getTitle() + ".");
		}
		else if (tomcatSaid.contains("header") && tomcatSaid.contains("too large")) {
			problem.setDetail("The request line and headers are larger than this server accepts.");
			Violation.attach(problem,
					List.of(new Violation("headers", "max-size",
							"the request line and all headers together must fit in " + this.maxHeaderSize.toKilobytes()
									+ " KB")));
		}
		else if (rawPath.contains("%")) {
			problem.setDetail("The path could not be decoded.");
			Violation.attach(problem, List.of(new Violation("path", "encoding",
					"a path must decode to UTF-8 text, without %00 and without an encoded / or \\")));
		}
		else {
			problem.setDetail("The request is not valid HTTP/1.1.");
			Violation.attach(problem, List.of(new Violation("request", "syntax",
					"the request line and headers must follow HTTP/1.1 (RFC 9112)")));
		}
		return problem;
	}

	private static String describe(String message, Throwable cause) {
		return ((message != null) ? message : "") + " " + ((cause != null) ? String.valueOf(cause.getMessage()) : "");
	}

}
