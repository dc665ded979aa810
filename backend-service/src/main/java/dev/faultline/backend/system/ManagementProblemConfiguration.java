package dev.faultline.backend.system;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The management server's share of the problem+json story: its actuator errors get a body too. Added to the
 * management child context through
 * {@code META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports},
 * and not annotated {@code @Configuration}, so that component scanning leaves it out of the API server.
 */
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class ManagementProblemConfiguration {

	@Bean
	FilterRegistrationBean<BodilessErrorFilter> bodilessErrorFilter(ObjectMapper json) {
		return new FilterRegistrationBean<>(new BodilessErrorFilter(json));
	}

}
