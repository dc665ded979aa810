package dev.faultline.ui.replica;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Each backend replica's state, under {@code replicas} in {@code /actuator/health}: in
 * rotation, ejected or on trial, with its breaker's recent calls and failures. Always UP:
 * an ejected replica is the UI protecting itself, and with every replica out the UI still
 * answers (the levels' fallbacks say how).
 */
@Component
class ReplicasHealthIndicator implements HealthIndicator {

	private final ReplicaEjection ejection;

	ReplicasHealthIndicator(ReplicaEjection ejection) {
		this.ejection = ejection;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up();
		for (ReplicaState state : this.ejection.states()) {
			health.withDetail(state.replica(), state);
		}
		return health.build();
	}

}
