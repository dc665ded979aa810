package dev.faultline.ui.dashboard;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the live dashboard: how often it pushes, how much it buffers, the limits
 * that keep the dashboard itself from becoming a load on the UI, and who may use its
 * controls ({@link SpeakerAccess}). Each value, and why it is what it is, is written
 * once: in {@code application.yml}.
 *
 * @param snapshotInterval how often every open stream gets a snapshot
 * @param eventFlushInterval how often queued Resilience4j events are written to the
 * streams
 * @param heartbeatInterval how often an SSE comment is sent, so proxies and browsers keep
 * an idle stream open
 * @param streamTimeout how long one stream lives before the server ends it (the browser
 * reconnects by itself)
 * @param maxStreams concurrent streams; more are answered 503
 * @param speakerStreams streams beyond {@code maxStreams} that only the speaker's browser
 * may open, when there is a speaker token
 * @param eventQueueCapacity events buffered per stream between flushes; the oldest are
 * dropped and counted
 * @param eventLogSize events kept per level for a newly opened page
 * @param trafficMaxDuration the traffic generator stops by itself after this long
 * @param trafficMaxInFlight generator requests in flight per level; a tick finding none
 * free is skipped
 * @param chaosPollInterval how often the backend's chaos state is fetched while a
 * dashboard is open
 * @param speakerToken the secret a browser must hold to use the controls, or empty for
 * none; letters, digits and {@code . _ ~ -} only, so that it fits a link unencoded
 * @param publicAddress the address people reach this UI on ({@code server.address}, or
 * the host address a container is published on), or empty when unknown
 */
@Validated
@ConfigurationProperties("faultline.dashboard")
public record DashboardProperties(@NotNull Duration snapshotInterval, @NotNull Duration eventFlushInterval,
		@NotNull Duration heartbeatInterval, @NotNull Duration streamTimeout, @Min(1) int maxStreams,
		@Min(0) int speakerStreams, @Min(1) int eventQueueCapacity, @Min(1) int eventLogSize,
		@NotNull Duration trafficMaxDuration, @Min(1) int trafficMaxInFlight, @NotNull Duration chaosPollInterval,
		@Pattern(regexp = "[A-Za-z0-9._~-]*",
				message = "may only hold letters, digits and . _ ~ - (openssl rand -hex 16 makes a good one)") String speakerToken,
		String publicAddress) {
}
