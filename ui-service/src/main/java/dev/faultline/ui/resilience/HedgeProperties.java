package dev.faultline.ui.resilience;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * When a hedged read sends its second attempt, and how many it may send
 * ({@link Hedging}). Each value, and why it is what it is, is written once: in
 * {@code application.yml}.
 *
 * @param delay a fixed hedge delay, or {@code null} to derive it from recent healthy
 * latency
 * @param percentile the percentile of recent successful attempts' latencies the derived
 * delay is: at 0.95, about one healthy read in twenty is hedged
 * @param samples how many recent successful attempts the percentile is taken over
 * @param minSamples until this many are in, the delay is {@code maxDelay}
 * @param minDelay the derived delay is never shorter
 * @param maxDelay the derived delay is never longer
 * @param budgetRatio hedge tokens each hedged read earns: 0.1 allows a hedge for about
 * one read in ten
 * @param budgetCapacity the most tokens the budget holds (and starts with)
 */
@Validated
@ConfigurationProperties("faultline.hedge")
public record HedgeProperties(@Nullable Duration delay, @DecimalMin("0.5") @DecimalMax("0.999") double percentile,
		@Min(1) int samples, @Min(1) int minSamples, @NotNull Duration minDelay, @NotNull Duration maxDelay,
		@DecimalMin("0.0") @DecimalMax("1.0") double budgetRatio, @Min(1) int budgetCapacity) {

	/** Refuses bounds that contradict each other. */
	public HedgeProperties {
		if (minDelay != null && maxDelay != null && minDelay.compareTo(maxDelay) > 0) {
			throw new IllegalArgumentException("faultline.hedge.min-delay (" + minDelay
					+ ") is longer than faultline.hedge.max-delay (" + maxDelay + ")");
		}
		if (minSamples > samples) {
			throw new IllegalArgumentException("faultline.hedge.min-samples (" + minSamples
					+ ") is more than faultline.hedge.samples (" + samples + ")");
		}
	}

}
