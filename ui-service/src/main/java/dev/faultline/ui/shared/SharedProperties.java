package dev.faultline.ui.shared;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the state the UI replicas share through Redis (the connection itself is
 * {@code spring.data.redis.*}). Each value, and why it is what it is, is written once: in
 * {@code application.yml}.
 *
 * @param enabled whether this replica shares its breakers at all
 * @param replicaId this replica's name, as the others see it (the dashboard says "from
 * ui-2")
 * @param channel the Redis Pub/Sub channel the breaker transitions travel on
 * @param verdictMaxAge a peer's verdict older than this on arrival is dropped as stale
 * @param checkInterval how often the link to Redis is checked, for health and the
 * dashboard
 */
@Validated
@ConfigurationProperties("faultline.shared")
public record SharedProperties(boolean enabled, @NotBlank String replicaId, @NotBlank String channel,
		@NotNull Duration verdictMaxAge, @NotNull Duration checkInterval) {
}
