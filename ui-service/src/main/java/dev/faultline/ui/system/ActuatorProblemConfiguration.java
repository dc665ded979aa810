package dev.faultline.ui.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.problems.BodilessErrorFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A problem+json body for an actuator error that has none, such as the bare 404 of
 * {@code /actuator/metrics/nope}, which tells a program nothing.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorProblemConfiguration {

	@Bean
	BodilessErrorFilter bodilessErrorFilter(ObjectMapper json) {
		return new BodilessErrorFilter(json);
	}

}
