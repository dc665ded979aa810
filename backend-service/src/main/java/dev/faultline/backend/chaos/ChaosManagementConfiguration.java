package dev.faultline.backend.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.backend.system.ApiProperties;
import jakarta.validation.Validator;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the chaos control API under {@code /chaos} on the management port only, so that
 * it answers while the API port is refusing connections or hanging.
 * <p>
 * Spring Boot adds this class to the management server's own child context, because it is
 * listed in
 * {@code META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports}.
 * It is deliberately not annotated {@code @Configuration}: component scanning would then
 * also add it to the main context and expose {@code /chaos} on the API port. For the same
 * reason it needs a separate management port. A router function rather than a controller
 * keeps the handlers out of component scanning too. The engine it drives is a bean of the
 * main context, which the child context sees.
 */
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
@ConditionalOnBooleanProperty(name = "faultline.chaos.enabled", matchIfMissing = true)
class ChaosManagementConfiguration {

	@Bean
	RouterFunction<ServerResponse> chaosRoutes(ChaosEngine engine, ChaosProperties properties, ObjectMapper json,
			Validator validator, ApiProperties api) {
		ChaosHandler chaos = new ChaosHandler(engine, properties, json, validator, api.maxBodySize().toBytes());
		return RouterFunctions.route()
			.GET("/chaos", chaos::state)
			.DELETE("/chaos", chaos::clear)
			.GET("/chaos/events", chaos::events)
			.GET("/chaos/scenarios", chaos::scenarios)
			.PUT("/chaos/scenarios/{name}", chaos::installScenario)
			.PUT("/chaos/{fault}", chaos::install)
			.DELETE("/chaos/{fault}", chaos::remove)
			.filter(chaos::checkToken)
			.onError(ChaosHandler::isClientError, chaos::handleError)
			.build();
	}

}
