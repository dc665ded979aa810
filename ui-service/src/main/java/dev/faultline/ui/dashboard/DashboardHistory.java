package dev.faultline.ui.dashboard;

import java.util.List;

import dev.faultline.ui.dashboard.TrafficWindow.TrafficPoint;
import dev.faultline.ui.resilience.ProtectionLevel;

/**
 * The SSE {@code history}, sent once when a stream opens, so a fresh page starts with
 * full charts and a filled event log.
 *
 * @param level the protected level this stream follows
 * @param protectedLevel the last two minutes of reads at that level, one point per
 * second, oldest first
 * @param unprotected the same for level {@code none}
 * @param events the last events of both levels, newest first
 */
record DashboardHistory(ProtectionLevel level, List<TrafficPoint> protectedLevel, List<TrafficPoint> unprotected,
		List<DashboardEvent> events) {
}
