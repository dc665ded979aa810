package dev.faultline.ui.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.faultline.ui.backend.InMemoryBackend;
import dev.faultline.ui.backend.Message;
import dev.faultline.ui.backend.MessagesBackend;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.client.RestClient;

/**
 * JMH: the Resilience4j patterns alone around one in-memory backend read (bulkhead,
 * retry, circuit breaker, as level {@code full} nests them, without the time limiter's
 * thread hop), next to the same read undecorated. The difference is what the patterns
 * themselves cost; {@code FeedPathBenchmark} shows what the whole path costs. Each
 * pattern takes its settings from {@code configs.default} in the UI's
 * {@code application.yml}, as level {@code full}'s unlisted instances do, so the stack
 * measured is the one configured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xmx512m", "-XX:+UseSerialGC" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecoratorStackBenchmark {

	private MessagesBackend backend;

	private Supplier<List<Message>> decorated;

	@Setup
	public void decorate() {
		this.backend = InMemoryBackend.messagesBackend(RestClient.builder());
		Properties settings = applicationYaml();
		CircuitBreaker breaker = CircuitBreaker.of(ProtectionLevel.FULL.id(), breakerConfig(settings));
		Retry retry = Retry.of(ProtectionLevel.FULL.id(),
				RetryConfig.custom().maxAttempts(Integer.parseInt(setting(settings, "retry", "maxAttempts"))).build());
		Bulkhead bulkhead = Bulkhead.of(ProtectionLevel.FULL.id(),
				BulkheadConfig.custom()
					.maxConcurrentCalls(Integer.parseInt(setting(settings, "bulkhead", "maxConcurrentCalls")))
					.build());
		Supplier<List<Message>> read = () -> this.backend.newest(InMemoryBackend.REPLICA, InMemoryBackend.MESSAGES);
		this.decorated = Bulkhead.decorateSupplier(bulkhead,
				Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, read)));
	}

	/** The breaker's window and thresholds as {@code application.yml} sets them. */
	static CircuitBreakerConfig breakerConfig(Properties settings) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType
				.valueOf(setting(settings, "circuitbreaker", "slidingWindowType")))
			.slidingWindowSize(Integer.parseInt(setting(settings, "circuitbreaker", "slidingWindowSize")))
			.minimumNumberOfCalls(Integer.parseInt(setting(settings, "circuitbreaker", "minimumNumberOfCalls")))
			.failureRateThreshold(Float.parseFloat(setting(settings, "circuitbreaker", "failureRateThreshold")))
			.slowCallRateThreshold(Float.parseFloat(setting(settings, "circuitbreaker", "slowCallRateThreshold")))
			.slowCallDurationThreshold(duration(setting(settings, "circuitbreaker", "slowCallDurationThreshold")))
			.waitDurationInOpenState(duration(setting(settings, "circuitbreaker", "waitDurationInOpenState")))
			.permittedNumberOfCallsInHalfOpenState(
					Integer.parseInt(setting(settings, "circuitbreaker", "permittedNumberOfCallsInHalfOpenState")))
			.build();
	}

	/** The UI's {@code application.yml}, flattened to dotted keys. */
	static Properties applicationYaml() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yml"));
		return yaml.getObject();
	}

	private static String setting(Properties settings, String pattern, String name) {
		String key = "resilience4j." + pattern + ".configs.default." + name;
		String value = settings.getProperty(key);
		if (value == null) {
			throw new IllegalStateException("application.yml has no " + key);
		}
		return value;
	}

	private static Duration duration(String value) {
		return DurationStyle.detectAndParse(value);
	}

	@Benchmark
	public List<Message> undecorated() {
		return this.backend.newest(InMemoryBackend.REPLICA, InMemoryBackend.MESSAGES);
	}

	@Benchmark
	public List<Message> decorated() {
		return this.decorated.get();
	}

}
