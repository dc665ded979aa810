package dev.faultline.ui.replica;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import dev.faultline.ui.backend.Replica;
import dev.faultline.ui.replica.InRotation.Choice;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.SimpleObjectProvider;
import org.springframework.lang.Nullable;

/**
 * Chooses the replica of each attempt with Spring Cloud LoadBalancer's
 * {@link RoundRobinLoadBalancer}. Two exist (see {@link ReplicaConfiguration}): the
 * protected levels' one rotates over the replicas {@link InRotation}, asks the chosen
 * replica's breaker for a permit (a half-open replica takes one trial call at a time),
 * and reports each attempt's outcome to that breaker; level {@code none}'s rotates over
 * every replica and reports nothing, so a dead replica keeps its share of the reads.
 */
public final class Rotation {

	/** Qualifier of the rotation with ejection, used by every protected level. */
	public static final String PROTECTED = "protectedRotation";

	/** Qualifier of the plain round robin, used by level {@code none}. */
	public static final String UNPROTECTED = "unprotectedRotation";

	/** The service id the load balancer knows the backend by. */
	static final String SERVICE_ID = "backend";

	private final ReactorServiceInstanceLoadBalancer balancer;

	@Nullable
	private final ReplicaEjection ejection;

	private Rotation(ServiceInstanceListSupplier replicas, @Nullable ReplicaEjection ejection) {
		this.balancer = new RoundRobinLoadBalancer(new SimpleObjectProvider<>(replicas), SERVICE_ID);
		this.ejection = ejection;
	}

	/** Round robin over the replicas in rotation, judged by their breakers. */
	static Rotation withEjection(StaticReplicas replicas, ReplicaEjection ejection) {
		return new Rotation(new InRotation(replicas, ejection), ejection);
	}

	/** Round robin over every replica, whatever state it is in. */
	static Rotation roundRobin(StaticReplicas replicas) {
		return new Rotation(replicas, null);
	}

	/**
	 * The replica for the next attempt of a call whose earlier attempts went to
	 * {@code tried}; report how the attempt went to the pick.
	 */
	public Pick choose(Set<Replica> tried) {
		if (this.ejection == null) {
			return new Pick(next(new Choice(tried, Set.of())), null);
		}
		Set<Replica> refused = new HashSet<>();
		Replica replica = next(new Choice(tried, refused));
		CircuitBreaker breaker = this.ejection.breaker(replica);
		// A replica chosen although refused means that every replica is out: they take
		// their turns without a permit, and their outcomes still count.
		while (!refused.contains(replica) && !breaker.tryAcquirePermission()) {
			refused.add(replica);
			replica = next(new Choice(tried, refused));
			breaker = this.ejection.breaker(replica);
		}
		return new Pick(replica, breaker);
	}

	/**
	 * A replica for a second attempt running beside the call's first (a hedge): one in
	 * rotation that the call has not tried, or none when there is no such replica.
	 */
	public Optional<Pick> chooseUntried(Set<Replica> tried) {
		Pick pick = choose(tried);
		if (tried.contains(pick.replica())) {
			pick.withdraw();
			return Optional.empty();
		}
		return Optional.of(pick);
	}

	private Replica next(Choice choice) {
		// Immediate: the suppliers answer with a list they already hold.
		Response<ServiceInstance> chosen = this.balancer.choose(choice.request()).block();
		if (chosen == null || !chosen.hasServer()) {
			throw new IllegalStateException("No backend replica to choose from");
		}
		return ((ReplicaInstance) chosen.getServer()).replica();
	}

}
