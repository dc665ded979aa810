package dev.faultline.ui.resilience;

import java.time.Clock;
import java.time.Duration;

import dev.faultline.ui.verdict.ConsecutiveFailures;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When a run of failures is a verdict ({@link ConsecutiveFailures}): what trips each
 * level's circuit breaker beside its rate window. Each value, and why it is what it is,
 * is written once: in {@code application.yml}.
 *
 * @param threshold how many failures in a row (no success between them) open a breaker
 * @param maxAge a failure older than this never counts towards a run
 */
@Validated
@ConfigurationProperties("faultline.consecutive-failures")
public record ConsecutiveFailuresProperties(@Min(1) int threshold, @NotNull Duration maxAge) {

	/** A new verdict with these settings, with no failures yet. */
	public ConsecutiveFailures verdict(Clock clock) {
		return new ConsecutiveFailures(this.threshold, this.maxAge, clock);
	}

}
