package dev.faultline.ui.dashboard;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the live dashboard: how often it pushes, how much it buffers, and the
 * limits that keep the dashboard itself from becoming a load on the UI.
 *
 * @param snapshotInterval how often every open stream gets a snapshot
 * @param eventFlushInterval how often queued Resilience4j events are written to the
 * streams
 * @param heartbeatInterval how often an SSE comment is sent, so proxies and browsers keep
 * an idle stream open
 * @param streamTimeout how long one stream lives before the server ends it (the browser
 * reconnects by itself)
 * @param maxStreams concurrent streams; more are answered 503
 * @param eventQueueCapacity events buffered per stream between flushes; the oldest are
 * dropped and counted
 * @param eventLogSize events kept per level for a newly opened page
 * @param trafficMaxDuration the traffic generator stops by itself after this long
 * @param trafficMaxInFlight generator requests in flight per level; a tick finding none
 * free is skipped
 * @param chaosPollInterval how often the backend's chaos state is fetched while a
 * dashboard is open
 */
@Validated
@ConfigurationProperties("faultline.dashboard")
public record DashboardProperties(@NotNull @DefaultValue("1s") Duration snapshotInterval,
		@NotNull @DefaultValue("250ms") Duration eventFlushInterval,
		@NotNull @DefaultValue("15s") Duration heartbeatInterval, @NotNull @DefaultValue("30m") Duration streamTimeout,
		@Min(1) @DefaultValue("20") int maxStreams, @Min(1) @DefaultValue("256") int eventQueueCapacity,
		@Min(1) @DefaultValue("50") int eventLogSize, @NotNull @DefaultValue("10m") Duration trafficMaxDuration,
		@Min(1) @DefaultValue("20") int trafficMaxInFlight, @NotNull @DefaultValue("2s") Duration chaosPollInterval) {
}
