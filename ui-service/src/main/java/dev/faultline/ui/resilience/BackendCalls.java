package dev.faultline.ui.resilience;

import java.util.concurrent.ExecutorService;

import dev.faultline.ui.replica.Rotation;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Opens a {@link BackendCall} per user request, on the shared bounded attempt executor,
 * with the level's rotation over the backend's replicas (with ejection for the protected
 * levels, a plain round robin for level {@code none}) and the shared {@link Hedging}.
 */
@Component
public class BackendCalls {

	private final ExecutorService executor;

	private final RetryBudget budget;

	private final Rotation protectedRotation;

	private final Rotation unprotectedRotation;

	private final Hedging hedging;

	BackendCalls(@Qualifier(ResilienceConfiguration.ATTEMPT_EXECUTOR) ExecutorService executor, RetryBudget budget,
			@Qualifier(Rotation.PROTECTED) Rotation protectedRotation,
			@Qualifier(Rotation.UNPROTECTED) Rotation unprotectedRotation, Hedging hedging) {
		this.executor = executor;
		this.budget = budget;
		this.protectedRotation = protectedRotation;
		this.unprotectedRotation = unprotectedRotation;
		this.hedging = hedging;
	}

	/**
	 * A new call at the level, which its retry budget is earned for; close it once the
	 * user has an answer.
	 */
	public BackendCall open(ProtectionLevel level) {
		Rotation rotation = (level == ProtectionLevel.NONE) ? this.unprotectedRotation : this.protectedRotation;
		return new BackendCall(this.executor, this.budget, level, rotation, this.hedging);
	}

}
