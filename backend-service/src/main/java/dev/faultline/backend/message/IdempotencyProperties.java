package dev.faultline.backend.message;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How idempotent creation behaves.
 *
 * @param retention how long a key is remembered; a retry within it never stores a second
 * message
 */
@ConfigurationProperties("faultline.idempotency")
record IdempotencyProperties(Duration retention) {

	IdempotencyProperties {
		retention = (retention != null) ? retention : Duration.ofHours(24);
	}

}
