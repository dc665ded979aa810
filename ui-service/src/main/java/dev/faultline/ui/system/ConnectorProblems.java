package dev.faultline.ui.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.problems.ConnectorProblemCustomizer;
import dev.faultline.problems.ConnectorProblemValve;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.stereotype.Component;

/**
 * The UI's answer to what Tomcat refuses before Spring sees the request: a program (the
 * same rule as {@link ErrorPages}: a path under {@code /api/}, {@code /dashboard/} or
 * {@code /actuator}, or no HTML accepted) gets a problem naming "the UI"
 * ({@link ConnectorProblemValve}); a browser keeps Tomcat's short HTML page.
 */
@Component
class ConnectorProblems extends ConnectorProblemCustomizer {

	ConnectorProblems(ObjectMapper json, ServerProperties server) {
		// No path: the request line itself was too long, which a program sends, not a
		// browser.
		super(() -> new ConnectorProblemValve(json, server.getMaxHttpRequestHeaderSize(), "the UI",
				(rawPath, accept) -> rawPath.isEmpty() || ErrorPages.isApi(rawPath, accept)));
	}

}
