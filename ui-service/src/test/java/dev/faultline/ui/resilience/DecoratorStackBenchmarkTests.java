package dev.faultline.ui.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JMH stack is set up from the UI's {@code application.yml} and reads what the bare
 * read reads, so a benchmark run never fails in its set-up.
 */
class DecoratorStackBenchmarkTests {

	@Test
	void decoratedReadAnswersLikeTheBareRead() {
		DecoratorStackBenchmark benchmark = new DecoratorStackBenchmark();
		benchmark.decorate();

		assertThat(benchmark.decorated()).isNotEmpty().isEqualTo(benchmark.undecorated());
	}

	@Test
	void breakerTakesItsWindowFromApplicationYaml() {
		CircuitBreakerConfig config = DecoratorStackBenchmark.breakerConfig(DecoratorStackBenchmark.applicationYaml());

		// The library's defaults (COUNT_BASED, 100, 100) would mean the YAML was not
		// read.
		assertThat(config.getSlidingWindowType()).isEqualTo(CircuitBreakerConfig.SlidingWindowType.TIME_BASED);
		assertThat(config.getMinimumNumberOfCalls()).isLessThan(100);
		assertThat(config.getSlidingWindowSize()).isLessThan(100);
	}

}
