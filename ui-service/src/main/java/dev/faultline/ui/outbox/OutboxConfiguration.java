package dev.faultline.ui.outbox;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.faultline.ui.backend.MessagesBackend;
import dev.faultline.ui.replica.Rotation;
import dev.faultline.ui.shared.SharedProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The outbox's deliverer, when {@code faultline.shared.enabled} is on (it needs the same
 * Redis), and the Spring Cloud CircuitBreaker factory it delivers through.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("faultline.shared.enabled")
class OutboxConfiguration {

	private static final String CALLS = "outboxCalls";

	/**
	 * The threads Spring Cloud CircuitBreaker runs the delivery on (its time limiter
	 * needs the call off the deliverer's thread). Its default is an unbounded cached
	 * pool; the deliverer sends one post at a time, so two threads and a short queue are
	 * plenty.
	 */
	@Bean(name = CALLS, destroyMethod = "shutdownNow")
	ExecutorService outboxCalls() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("outbox-call-");
		threads.setDaemon(true);
		return new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(8), threads,
				new ThreadPoolExecutor.AbortPolicy());
	}

	/**
	 * Takes the breaker and time limiter from {@code resilience4j.*.configs.default}, as
	 * the annotations do. Left alone, Spring Cloud CircuitBreaker would build its own
	 * defaults, among them a silent 1 s time limiter, shorter than the UI's 2 s deadline
	 * and the backend client's 1 s read timeout plus connect: deliveries would time out
	 * while the backend is merely slow.
	 */
	@Bean
	Customizer<Resilience4JCircuitBreakerFactory> outboxBreakerFromYaml(CircuitBreakerRegistry breakers,
			TimeLimiterRegistry timeLimiters, @Qualifier(CALLS) ExecutorService calls) {
		return (factory) -> {
			factory.configureDefault(
					(id) -> new Resilience4JConfigBuilder(id).circuitBreakerConfig(breakers.getDefaultConfig())
						.timeLimiterConfig(timeLimiters.getDefaultConfig())
						.build());
			factory.configureExecutorService(calls);
		};
	}

	@Bean
	OutboxDeliverer outboxDeliverer(StringRedisTemplate redis, Outbox outbox, OutboxProperties properties,
			SharedProperties shared, @Qualifier(MessagesBackend.PROTECTED) MessagesBackend backend,
			@Qualifier(Rotation.PROTECTED) Rotation replicas, CircuitBreakerFactory<?, ?> breakers, Clock clock) {
		return new OutboxDeliverer(redis, outbox, properties, shared, new OutboxSender(backend, replicas, breakers),
				clock);
	}

	@Bean
	OutboxRounds outboxRounds(OutboxDeliverer deliverer, OutboxProperties properties) {
		return new OutboxRounds(deliverer, properties.pollInterval());
	}

}
