package dev.faultline.ui.resilience;

import java.util.concurrent.ExecutorService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Opens a {@link BackendCall} per user request, on the shared bounded attempt executor.
 */
@Component
public class BackendCalls {

	private final ExecutorService executor;

	private final RetryBudget budget;

	BackendCalls(@Qualifier(ResilienceConfiguration.ATTEMPT_EXECUTOR) ExecutorService executor, RetryBudget budget) {
		this.executor = executor;
		this.budget = budget;
	}

	/**
	 * A new call at the level, which its retry budget is earned for; close it once the
	 * user has an answer.
	 */
	public BackendCall open(ProtectionLevel level) {
		return new BackendCall(this.executor, this.budget, level);
	}

}
