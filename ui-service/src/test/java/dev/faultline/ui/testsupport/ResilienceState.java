package dev.faultline.ui.testsupport;

import dev.faultline.ui.resilience.Hedging;
import dev.faultline.ui.resilience.LastKnownGood;
import dev.faultline.ui.resilience.RetryBudget;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.context.ApplicationContext;

/**
 * What the UI's resilience patterns remember from one call to the next, forgotten before
 * each test so that no test sees an earlier one's open breaker, spent retry or hedge
 * budget or cached feed.
 */
public final class ResilienceState {

	private ResilienceState() {
	}

	/**
	 * Closes every breaker, refills the retry and hedge budgets and clears the last known
	 * good feeds of the UI in the context.
	 */
	public static void reset(ApplicationContext context) {
		context.getBean(CircuitBreakerRegistry.class).getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		context.getBean(RetryBudget.class).refill();
		context.getBean(Hedging.class).reset();
		context.getBean(LastKnownGood.class).clear();
	}

}
