package dev.faultline.ui.message;

import java.util.concurrent.TimeUnit;

import dev.faultline.ui.UiApplication;
import dev.faultline.ui.backend.InMemoryBackend;
import dev.faultline.ui.resilience.ProtectionLevel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * JMH: one feed read through each level's whole path in the real UI context (AOP aspects,
 * the attempt executor hop, the time limiter's timer, events for the dashboard and the
 * log, metrics), against the in-memory backend, so the healthy-path cost of each level is
 * measured without a network. Compare with {@code DecoratorStackBenchmark}, the patterns
 * alone. Run by {@code scripts/microbenchmark}; not a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xmx512m", "-XX:+UseSerialGC" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FeedPathBenchmark {

	@Param({ "none", "timeout", "retry", "circuit-breaker", "fallback", "full" })
	String level;

	private ConfigurableApplicationContext context;

	private FeedService feeds;

	private ProtectionLevel protectionLevel;

	@Setup(Level.Trial)
	public void startUi() {
		this.context = new SpringApplicationBuilder(UiApplication.class, InMemoryBackend.Clients.class)
			.properties("server.port=0", "spring.main.allow-bean-definition-overriding=true",
					"spring.main.banner-mode=off", "logging.level.root=warn")
			.run();
		this.feeds = this.context.getBean(FeedService.class);
		this.protectionLevel = ProtectionLevel.fromId(this.level).orElseThrow();
	}

	@TearDown(Level.Trial)
	public void stopUi() {
		this.context.close();
	}

	@Benchmark
	public Feed feed() {
		return this.feeds.feed(this.protectionLevel);
	}

}
