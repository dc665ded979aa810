package dev.faultline.ui.replica;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.faultline.ui.backend.BackendProperties;
import dev.faultline.ui.backend.Replica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Warns, once the UI has started, about each replica whose host name does not resolve.
 * Not an error: in compose a replica's name exists only once its container does, so the
 * UI starts anyway, and until the name resolves the replica fails like a dead one and is
 * ejected. Looked up on Boot's task scheduler, so a slow resolver never delays the start.
 */
@Component
class ReplicaHostCheck {

	private static final Logger logger = LoggerFactory.getLogger(ReplicaHostCheck.class);

	private final List<Replica> replicas;

	private final TaskScheduler scheduler;

	ReplicaHostCheck(BackendProperties backend, TaskScheduler scheduler) {
		this.replicas = backend.replicaList();
		this.scheduler = scheduler;
	}

	@EventListener(ApplicationReadyEvent.class)
	void checkWhenStarted() {
		this.scheduler.schedule(this::unknownHosts, Instant.now());
	}

	/** The replicas whose host does not resolve now, each with a warning in the log. */
	List<Replica> unknownHosts() {
		List<Replica> unknown = new ArrayList<>();
		for (Replica replica : this.replicas) {
			try {
				InetAddress.getByName(replica.baseUrl().getHost());
			}
			catch (UnknownHostException ex) {
				unknown.add(replica);
				logger.warn(
						"Backend replica {} ({}): unknown host '{}'; the UI runs on, and tries and ejects it like a "
								+ "dead replica until the name resolves",
						replica, replica.baseUrl(), replica.baseUrl().getHost());
			}
		}
		return unknown;
	}

}
