package dev.faultline.ui.shared;

import java.time.Clock;
import java.util.concurrent.ThreadPoolExecutor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.ui.resilience.LevelEvents;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.registry.RegistryEventConsumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Breaker sharing, when {@code faultline.shared.enabled} is on. Redis gets two
 * single-thread executors with short queues of their own, a bulkhead in all but name: one
 * writes (verdicts out, link checks), one reads (verdicts in). However Redis misbehaves,
 * it can hold those two threads and nothing else.
 *
 * <p>
 * Redis itself is configured here and only here: {@code UiApplication} excludes Boot's
 * Redis auto-configuration (a UI without sharing would load Lettuce, Netty and Spring
 * Data for nothing), and this class imports it back, with {@code spring.data.redis.*} as
 * usual. A plain {@code @Import}, because an exclusion also removes what
 * {@code @ImportAutoConfiguration} names.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("faultline.shared.enabled")
@Import(RedisAutoConfiguration.class)
class SharedBreakerConfiguration {

	private static final String WRITER = "sharedStateWriter";

	private static final String READER = "sharedStateReader";

	@Bean(WRITER)
	ThreadPoolTaskExecutor sharedStateWriter() {
		return singleThread("shared-state-out-");
	}

	@Bean(READER)
	ThreadPoolTaskExecutor sharedStateReader() {
		return singleThread("shared-state-in-");
	}

	@Bean
	BreakerSharing breakerSharing(SharedProperties properties, StringRedisTemplate redis,
			@Qualifier(WRITER) ThreadPoolTaskExecutor writer, ObjectMapper json,
			ObjectProvider<CircuitBreakerRegistry> breakers, SharedLink link, Clock clock) {
		return new BreakerSharing(properties, redis, writer, json, breakers, link, clock);
	}

	/**
	 * Hands this replica's breakers to the sharing as resilience4j-spring6 creates them.
	 */
	@Bean
	RegistryEventConsumer<CircuitBreaker> breakerVerdictsOut(BreakerSharing sharing) {
		return new LevelEvents<>(CircuitBreaker::getName, CircuitBreaker::getEventPublisher, sharing::breakerEvent);
	}

	/**
	 * Subscribes to the peers' verdicts, and subscribes again by itself (every second)
	 * after Redis was gone: sharing resumes without a restart.
	 */
	@Bean
	RedisMessageListenerContainer breakerVerdicts(RedisConnectionFactory connections, BreakerSharing sharing,
			SharedProperties properties, @Qualifier(READER) ThreadPoolTaskExecutor reader) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		container.addMessageListener(sharing, new ChannelTopic(properties.channel()));
		container.setTaskExecutor(reader);
		container.setRecoveryBackoff(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS));
		return container;
	}

	@Bean
	SharedLinkCheck sharedLinkCheck(StringRedisTemplate redis, RedisMessageListenerContainer breakerVerdicts,
			@Qualifier(WRITER) ThreadPoolTaskExecutor writer, SharedLink link, SharedProperties properties,
			TaskScheduler scheduler) {
		SharedLinkCheck check = new SharedLinkCheck(redis, breakerVerdicts, writer, link);
		scheduler.scheduleWithFixedDelay(check, properties.checkInterval());
		return check;
	}

	private static ThreadPoolTaskExecutor singleThread(String prefix) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setQueueCapacity(64);
		executor.setThreadNamePrefix(prefix);
		// A backlog is stale news: keep the newest, drop the oldest.
		executor.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardOldestPolicy());
		executor.setDaemon(true);
		return executor;
	}

}
