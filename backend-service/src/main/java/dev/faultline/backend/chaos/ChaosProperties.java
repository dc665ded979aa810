package dev.faultline.backend.chaos;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the chaos API. Each value, and why it is what it is, is written once: in
 * {@code application.yml}.
 *
 * The two settings that act before any bean exists are read where they act, from
 * {@code application.yml}: {@code faultline.chaos.enabled} by the configurations'
 * conditions, {@code faultline.chaos.sweep-interval} by {@link ChaosEngine#sweep()}'s
 * schedule.
 *
 * @param token a shared secret that callers must send in the {@code X-Chaos-Token}
 * header, or empty for none
 * @param allowCrash whether the {@code crash} fault, which ends the process, may be
 * installed
 * @param defaultDuration how long a fault stays when the request names no
 * {@code duration}, at most 1 hour
 */
@ConfigurationProperties("faultline.chaos")
record ChaosProperties(String token, boolean allowCrash, Duration defaultDuration) {

	/** The header that carries the token. */
	static final String TOKEN_HEADER = "X-Chaos-Token";

	ChaosProperties {
		if (defaultDuration == null || defaultDuration.isNegative() || defaultDuration.isZero()
				|| defaultDuration.compareTo(FaultSettings.MAX_DURATION) > 0) {
			throw new IllegalArgumentException("faultline.chaos.default-duration must be more than 0 and at most 1h");
		}
	}

	boolean tokenRequired() {
		return this.token != null && !this.token.isBlank();
	}

}
