package dev.faultline.backend.chaos;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The chaos engine and the parts that inject its faults into the API server. Nothing here
 * exists when {@code faultline.chaos.enabled=false}. The control API lives in the
 * management server: see {@link ChaosManagementConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "faultline.chaos.enabled", matchIfMissing = true)
class ChaosConfiguration {

	@Bean
	ChaosEngine chaosEngine(ChaosProperties properties, Clock clock, ApiPort apiPort, ApplicationContext context,
			MeterRegistry meters, ProcessExit processExit) {
		return new ChaosEngine(properties, clock, apiPort, context, meters, processExit);
	}

	@Bean
	ApiPort chaosApiPort() {
		return new ApiPort();
	}

	/**
	 * Ends the process the way Spring Boot does: close the context (shutdown hooks,
	 * logs), then exit.
	 */
	@Bean
	ProcessExit chaosProcessExit(ApplicationContext context) {
		return (status) -> System.exit(SpringApplication.exit(context, () -> status));
	}

	/**
	 * Runs right after the request log, so that an injected failure is logged with its
	 * duration, and before anything else looks at the request.
	 */
	@Bean
	FilterRegistrationBean<ChaosFilter> chaosFilter(ChaosEngine engine, ObjectMapper json) {
		FilterRegistrationBean<ChaosFilter> registration = new FilterRegistrationBean<>(new ChaosFilter(engine, json));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> chaosConnectionAbort() {
		return (factory) -> factory.addContextValves(new ConnectionAbortValve());
	}

}
