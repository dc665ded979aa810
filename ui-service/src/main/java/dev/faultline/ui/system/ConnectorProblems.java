package dev.faultline.ui.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ConnectorProblemValve} in the place of Tomcat's error report. Spring Boot
 * adds its own {@link ErrorReportValve} to the host when stack traces are never shown;
 * this customizer runs after Boot's and replaces it, and names the class on the host so
 * that Tomcat does not add its default one at start.
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
