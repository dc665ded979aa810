package dev.faultline.ui.dashboard;

import java.util.List;

import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.shared.SharedLink;

/**
 * The SSE {@code snapshot}, sent to each stream every second: the two columns, the
 * traffic generator, the backend's chaos state and its replicas.
 *
 * @param time when it was taken, epoch ms
 * @param level the protected level this stream follows
 * @param protectedLevel the column of that level
 * @param unprotected the column of level {@code none}
 * @param traffic the traffic generator
 * @param chaos the backend's chaos state, per replica, as last fetched (at most a couple
 * of seconds old)
 * @param backendReplicas the replica panel: each backend replica, in the order configured
 * @param droppedEvents events this stream lost because it fell behind (its queue was
 * full)
 * @param streams streams open on this UI now
 * @param replica this UI replica's name
 * @param sharedState the link to the other replicas: {@code off}, {@code connected} or
 * {@code local only}
 */
record DashboardSnapshot(long time, ProtectionLevel level, LevelSnapshot protectedLevel, LevelSnapshot unprotected,
		TrafficStatus traffic, ChaosStatus chaos, List<ReplicaRow> backendReplicas, long droppedEvents, int streams,
		String replica, SharedLink.Status sharedState) {
}
