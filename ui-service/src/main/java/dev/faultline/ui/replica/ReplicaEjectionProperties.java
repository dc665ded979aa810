package dev.faultline.ui.replica;

import java.time.Clock;
import java.time.Duration;

import dev.faultline.ui.verdict.ConsecutiveFailures;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When a run of failures takes a replica out of rotation ({@link ConsecutiveFailures}),
 * beside the rate window of its breaker ({@code configs.replica}). Each value, and why it
 * is what it is, is written once: in {@code application.yml}.
 *
 * @param consecutiveFailures how many failures in a row (no success between them) eject a
 * replica
 * @param maxAge a failure older than this never counts towards a run
 */
@Validated
@ConfigurationProperties("faultline.replica-ejection")
public record ReplicaEjectionProperties(@Min(1) int consecutiveFailures, @NotNull Duration maxAge) {

	/** A new verdict with these settings, with no failures yet. */
	ConsecutiveFailures verdict(Clock clock) {
		return new ConsecutiveFailures(this.consecutiveFailures, this.maxAge, clock);
	}

}
