package dev.faultline.ui.resilience;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Faultline's own resilience settings, beside Resilience4j's: the retry budget and the
 * fallback cache. Each value, and why it is what it is, is written once: in
 * {@code application.yml}.
 *
 * @param retryBudgetRatio retry tokens earned per call: 0.2 allows retries for about 20%
 * of calls
 * @param retryBudgetCapacity the most tokens the budget holds (and starts with): a burst
 * of retries it allows
 * @param cacheMaxEntries how many message lists the last-known-good cache keeps
 * @param cacheMaxAge how long a cached list may still be served
 */
@Validated
@ConfigurationProperties("faultline.resilience")
public record ResilienceProperties(@NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double retryBudgetRatio,
		@Min(1) int retryBudgetCapacity, @Min(1) int cacheMaxEntries, @NotNull Duration cacheMaxAge) {
}
