package dev.faultline.ui.backend;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the backend is and how long one HTTP attempt may take on the protected levels.
 * Each value, and why it is what it is, is written once: in {@code application.yml}.
 *
 * @param baseUrl the backend's API root, such as {@code http://localhost:8081}
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout how long one attempt may take from sending the request to the last
 * byte of the body
 * @param maxConcurrentAttempts threads that run HTTP attempts for the protected levels;
 * more are refused at once
 * @param unprotectedMaxConnections connections level {@code none} may open at once: as
 * many as there are request threads, so that its pool never acts as a bulkhead nobody
 * asked for
 * @param managementUrl the backend's management root (actuator and the chaos API), for
 * the dashboard's chaos panel
 * @param chaosToken the backend's {@code faultline.chaos.token}, sent as
 * {@code X-Chaos-Token} on every chaos call, or empty to send none
 */
@Validated
@ConfigurationProperties("faultline.backend")
public record BackendProperties(@NotNull URI baseUrl, @NotNull Duration connectTimeout, @NotNull Duration readTimeout,
		@Min(1) int maxConcurrentAttempts, @Min(1) int unprotectedMaxConnections, @NotNull URI managementUrl,
		String chaosToken) {

	/** The header the backend's chaos API reads its token from. */
	public static final String CHAOS_TOKEN_HEADER = "X-Chaos-Token";

}
