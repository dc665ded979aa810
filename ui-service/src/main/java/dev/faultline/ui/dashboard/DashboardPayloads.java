package dev.faultline.ui.dashboard;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.shared.SharedLink;
import dev.faultline.ui.shared.SharedProperties;

import org.springframework.stereotype.Component;

/**
 * What the dashboard's streams carry: the {@link DashboardHistory} a stream starts with,
 * and the {@link DashboardSnapshot} it gets every second, gathered from the level
 * columns, the traffic generator, the chaos state, the replica panel and the shared link.
 */
@Component
class DashboardPayloads {

	private final LevelSnapshots snapshots;

	private final TrafficGenerator traffic;

	private final BackendChaos chaos;

	private final ReplicaPanel replicas;

	private final DashboardProperties properties;

	private final Clock clock;

	private final SharedLink link;

	private final SharedProperties shared;

	DashboardPayloads(LevelSnapshots snapshots, TrafficGenerator traffic, BackendChaos chaos, ReplicaPanel replicas,
			DashboardProperties properties, Clock clock, SharedLink link, SharedProperties shared) {
		this.snapshots = snapshots;
		this.traffic = traffic;
		this.chaos = chaos;
		this.replicas = replicas;
		this.properties = properties;
		this.clock = clock;
		this.link = link;
		this.shared = shared;
	}

	/**
	 * The charts of {@code level} and of {@code none}, and the last events of both,
	 * newest first.
	 */
	DashboardHistory history(ProtectionLevel level) {
		List<DashboardEvent> events = new ArrayList<>(this.snapshots.recentEvents(level));
		if (level != ProtectionLevel.NONE) {
			events.addAll(this.snapshots.recentEvents(ProtectionLevel.NONE));
		}
		events.sort(Comparator.comparingLong(DashboardEvent::time).reversed());
		return new DashboardHistory(level, this.snapshots.history(level), this.snapshots.history(ProtectionLevel.NONE),
				events.subList(0, Math.min(events.size(), this.properties.eventLogSize())));
	}

	/**
	 * The snapshot for one stream; {@code columns} holds the level columns already taken
	 * this tick, so each level is taken once however many streams follow it.
	 */
	DashboardSnapshot snapshot(ProtectionLevel level, long droppedEvents, int openStreams,
			Map<ProtectionLevel, LevelSnapshot> columns) {
		LevelSnapshot protectedLevel = columns.computeIfAbsent(level, this.snapshots::snapshot);
		LevelSnapshot unprotected = columns.computeIfAbsent(ProtectionLevel.NONE, this.snapshots::snapshot);
		return new DashboardSnapshot(this.clock.millis(), level, protectedLevel, unprotected, this.traffic.status(),
				this.chaos.latest(), this.replicas.rows(), droppedEvents, openStreams, this.shared.replicaId(),
				this.link.status());
	}

}
