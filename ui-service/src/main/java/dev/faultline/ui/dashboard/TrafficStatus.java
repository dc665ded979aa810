package dev.faultline.ui.dashboard;

import dev.faultline.ui.resilience.ProtectionLevel;

import org.springframework.lang.Nullable;

/**
 * What the traffic generator is doing, for the dashboard's toggle and
 * {@code GET /dashboard/traffic}.
 *
 * @param running whether it is sending
 * @param level the level it reads through (and {@code none} beside it); {@code null} when
 * never started
 * @param rate reads per second to each of the two levels
 * @param remainingSeconds until it stops by itself; 0 when stopped
 * @param sent requests sent since it was started
 * @param succeeded of those, answered 200
 * @param failed of those, answered otherwise or not at all
 * @param skipped ticks that sent nothing because the level already had the most requests
 * in flight
 * @param inFlight requests waiting for an answer now
 */
record TrafficStatus(boolean running, @Nullable ProtectionLevel level, int rate, long remainingSeconds, long sent,
		long succeeded, long failed, long skipped, int inFlight) {
}
