package dev.faultline.backend.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ConnectorProblemValve} in the place of Tomcat's HTML error report on a
 * server: on the API port as a component, and on the management port as a bean of
 * {@link ManagementProblemConfiguration}, since the management server is built by a child
 * context that does not take the API server's customizers. Spring Boot adds its own
 * {@link ErrorReportValve} to the host; this runs after it and replaces it.
 */
@Component
class ConnectorProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final ObjectMapper json;

	private final ServerProperties server;

	ConnectorProblems(ObjectMapper json, ServerProperties server) {
		this.json = json;
		this.server = server;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			StandardHost host = (StandardHost) context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.setErrorReportValveClass(ConnectorProblemValve.class.getName());
			host.getPipeline()
				.addValve(new ConnectorProblemValve(this.json, this.server.getMaxHttpRequestHeaderSize()));
		});
	}

}
