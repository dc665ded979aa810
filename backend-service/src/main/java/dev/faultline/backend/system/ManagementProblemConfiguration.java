package dev.faultline.backend.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.problems.BodilessErrorFilter;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The management server's share of the API's answers: its actuator errors and Tomcat's
 * own rejections get a problem body too, and every answer {@code nosniff}. Added to the
 * management child context through
 * {@code META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports},
 * and not annotated {@code @Configuration}, so that component scanning leaves it out of
 * the API server.
 */
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class ManagementProblemConfiguration {

	@Bean
	FilterRegistrationBean<BodilessErrorFilter> bodilessErrorFilter(ObjectMapper json) {
		return new FilterRegistrationBean<>(new BodilessErrorFilter(json));
	}

	@Bean
	ConnectorProblems managementConnectorProblems(ObjectMapper json, ServerProperties server) {
		return new ConnectorProblems(json, server);
	}

	@Bean
	FilterRegistrationBean<NoSniffFilter> managementNoSniffFilter() {
		return new FilterRegistrationBean<>(new NoSniffFilter());
	}

}
