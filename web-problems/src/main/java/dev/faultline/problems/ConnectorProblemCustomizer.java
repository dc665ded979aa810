package dev.faultline.problems;

import java.util.function.Supplier;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Puts a {@link ConnectorProblemValve} in the place of Tomcat's error report on a server.
 * Spring Boot adds its own {@link ErrorReportValve} to the host; this customizer runs
 * after Boot's and replaces it, and names the class on the host so that Tomcat does not
 * add its default one at start. Each service declares one with its own wording.
 */
public class ConnectorProblemCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final Supplier<ConnectorProblemValve> valves;

	/**
	 * A customizer that installs a new valve from {@code valves} on each server it
	 * customizes.
	 */
	public ConnectorProblemCustomizer(Supplier<ConnectorProblemValve> valves) {
		this.valves = valves;
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
			host.getPipeline().addValve(this.valves.get());
		});
	}

}
