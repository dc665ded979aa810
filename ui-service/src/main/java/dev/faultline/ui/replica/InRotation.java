package dev.faultline.ui.replica;

import java.util.List;
import java.util.Set;

import dev.faultline.ui.backend.Replica;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The replicas the next attempt of a protected level may go to, for the round robin to
 * choose from: those whose breaker is not open (a half-open one is in, for its trial
 * call), and of those the ones this call has not tried yet, so a retry lands on another
 * replica whenever one is in rotation.
 *
 * <p>
 * Never an empty list: when every replica is out, all of them take their turns again, and
 * the level's own breaker judges the backend as a whole (the lamp turns red). Read afresh
 * for each choice, never cached: an ejection takes effect with the next attempt.
 */
final class InRotation extends DelegatingServiceInstanceListSupplier {

	private final ReplicaEjection ejection;

	InRotation(ServiceInstanceListSupplier replicas, ReplicaEjection ejection) {
		super(replicas);
		this.ejection = ejection;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return get(Choice.FIRST.request());
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Flux<List<ServiceInstance>> get(Request request) {
		Choice choice = (request.getContext() instanceof Choice context) ? context : Choice.FIRST;
		return this.delegate.get(request).map((all) -> candidates(all, choice));
	}

	private List<ServiceInstance> candidates(List<ServiceInstance> all, Choice choice) {
		List<ServiceInstance> inRotation = all.stream()
			.filter((instance) -> this.ejection.inRotation(replica(instance))
					&& !choice.refused().contains(replica(instance)))
			.toList();
		if (inRotation.isEmpty()) {
			inRotation = all;
		}
		List<ServiceInstance> untried = inRotation.stream()
			.filter((instance) -> !choice.tried().contains(replica(instance)))
			.toList();
		return untried.isEmpty() ? inRotation : untried;
	}

	private static Replica replica(ServiceInstance instance) {
		return ((ReplicaInstance) instance).replica();
	}

	/**
	 * What one choice must avoid, handed to the supplier as the load balancer request's
	 * context.
	 *
	 * @param tried the replicas the call's earlier attempts went to
	 * @param refused the replicas refused a moment ago in this choice: half-open, with
	 * their trial call already taken
	 */
	record Choice(Set<Replica> tried, Set<Replica> refused) {

		static final Choice FIRST = new Choice(Set.of(), Set.of());

		/** A load balancer request with this choice as its context. */
		DefaultRequest<Choice> request() {
			return new DefaultRequest<>(this);
		}

	}

}
