package dev.faultline.ui.system;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

/**
 * Tomcat's error report for what Tomcat refuses before Spring sees the request: a header
 * or URL over the limit, a path Tomcat will not decode ({@code %00}, bytes that are not
 * UTF-8, an encoded {@code /}). A program (the same rule as {@link ErrorPages}: a path
 * under {@code /api/}, {@code /dashboard/} or {@code /actuator}, or no HTML accepted)
 * gets {@code application/problem+json} naming what was wrong and the rule; a browser
 * keeps Tomcat's short HTML page. Installed by {@link ConnectorProblems}.
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
		String rawPath = Objects.toString(request.getCoyoteRequest().requestURI().toString(), "");
		// No path: the request line itself was too long, which a program sends, not
		// a browser.
		if (!rawPath.isEmpty() && !ErrorPages.isApi(rawPath, request.getCoyoteRequest().getHeader("Accept"))) {
			super.report(request, response, throwable);
			return;
		}
		String said = ((response.getMessage() != null) ? response.getMessage() : "") + " "
				+ ((throwable != null) ? String.valueOf(throwable.getMessage()) : "");
		try {
			byte[] body = this.json.writeValueAsBytes(problem(status, said, rawPath));
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
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
	 * The problem for a status Tomcat set, told apart by what Tomcat said and the path as
	 * it came; Tomcat's own words stay out of the answer.
	 */
	private ProblemDetail problem(int status, String tomcatSaid, String rawPath) {
		HttpStatus known = HttpStatus.resolve(status);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle((known != null) ? known.getReasonPhrase() : "Error");
		Violation broken = null;
		if (status != 400) {
			problem.setDetail(problem.getTitle() + ".");
		}
		else if (tomcatSaid.contains("header") && tomcatSaid.contains("too large")) {
			problem.setDetail("The request line and headers are larger than the UI accepts.");
			broken = new Violation("headers", "max-size", "the request line and all headers together must fit in "
					+ this.maxHeaderSize.toKilobytes() + " KB");
		}
		else if (rawPath.contains("%")) {
			problem.setDetail("The path could not be decoded.");
			broken = new Violation("path", "encoding",
					"a path must decode to UTF-8 text, without %00 and without an encoded / or \\");
		}
		else {
			problem.setDetail("The request is not valid HTTP/1.1.");
			broken = new Violation("request", "syntax", "the request line and headers must follow HTTP/1.1 (RFC 9112)");
		}
		if (broken != null) {
			problem.setProperty("errors", List.of(broken));
		}
		return problem;
	}

}
