package dev.faultline.ui.shared;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code sharedState} under {@code /actuator/health}: the link to the other replicas
 * (off, connected or local only) and this replica's name. Always UP: without Redis the UI
 * still serves every page, each replica with its own breakers, so a missing link is a
 * detail, never a reason to take the UI out of a load balancer.
 */
@Component
class SharedStateHealthIndicator implements HealthIndicator {

	private final SharedLink link;

	private final SharedProperties properties;

	SharedStateHealthIndicator(SharedLink link, SharedProperties properties) {
		this.link = link;
		this.properties = properties;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up()
			.withDetail("link", this.link.status().label())
			.withDetail("replica", this.properties.replicaId());
		if (this.link.problem() != null) {
			health.withDetail("problem", this.link.problem());
		}
		return health.build();
	}

}
