package dev.faultline.backend.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.problems.ConnectorProblemCustomizer;
import dev.faultline.problems.ConnectorProblemValve;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.stereotype.Component;

/**
 * The backend's answer to what Tomcat refuses before Spring sees the request: always a
 * problem ({@link ConnectorProblemValve}), as every answer of this API is, naming "this
 * server". On the API port as a component, and on the management port as a bean of
 * {@link ManagementProblemConfiguration}, since the management server is built by a child
 * context that does not take the API server's customizers.
 */
@Component
class ConnectorProblems extends ConnectorProblemCustomizer {

	ConnectorProblems(ObjectMapper json, ServerProperties server) {
		super(() -> new ConnectorProblemValve(json, server.getMaxHttpRequestHeaderSize(), "this server",
				(rawPath, accept) -> true));
	}

}
