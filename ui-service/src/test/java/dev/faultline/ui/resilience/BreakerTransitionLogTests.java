package dev.faultline.ui.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A breaker's outage is two log lines, however long it lasts: WARN when it opens, INFO
 * when it closes again with how long it was open and how many probes failed; the probes
 * in between are only counted.
 */
@ExtendWith(OutputCaptureExtension.class)
class BreakerTransitionLogTests {

	private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.ofDefaults(),
			new BreakerTransitionLog());

	@Test
	void outageWithFailedProbesIsOneWarningAndOneInfoLine(CapturedOutput output) {
		CircuitBreaker breaker = this.registry.circuitBreaker("full");

		breaker.transitionToOpenState();
		for (int probe = 0; probe < 3; probe++) {
			breaker.transitionToHalfOpenState();
			breaker.transitionToOpenState();
		}
		breaker.transitionToHalfOpenState();
		breaker.transitionToClosedState();

		assertThat(output.getOut().lines().filter((line) -> line.contains("Circuit breaker full"))).hasSize(2);
		assertThat(output).contains("WARN")
			.contains("Circuit breaker full CLOSED -> OPEN")
			.containsPattern("Circuit breaker full HALF_OPEN -> CLOSED after \\d+ ms open and 3 failed probes");
	}

	@Test
	void forcedStatesAreLoggedToo(CapturedOutput output) {
		CircuitBreaker breaker = this.registry.circuitBreaker("fallback");

		breaker.transitionToDisabledState();

		assertThat(output).contains("Circuit breaker fallback CLOSED -> DISABLED");
	}

}
