package dev.faultline.ui.resilience;

import java.util.List;
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

import org.springframework.web.client.RestClient;

/**
 * JMH: the Resilience4j patterns alone around one in-memory backend read (bulkhead,
 * retry, circuit breaker, as level {@code full} nests them, without the time limiter's
 * thread hop), next to the same read undecorated. The difference is what the patterns
 * themselves cost; {@code FeedPathBenchmark} shows what the whole path costs.
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
		CircuitBreaker breaker = CircuitBreaker.of("full",
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
					.slidingWindowSize(10)
					.build());
		Retry retry = Retry.of("full", RetryConfig.custom().maxAttempts(3).build());
		Bulkhead bulkhead = Bulkhead.of("full", BulkheadConfig.custom().maxConcurrentCalls(8).build());
		Supplier<List<Message>> read = () -> this.backend.newest(InMemoryBackend.REPLICA, InMemoryBackend.MESSAGES);
		this.decorated = Bulkhead.decorateSupplier(bulkhead,
				Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, read)));
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
