package dev.faultline.ui.replica;

import java.util.List;

import dev.faultline.ui.backend.Replica;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Every replica of {@code faultline.backend.replicas}, always, in the order configured:
 * what level {@code none} rotates over, and what {@link InRotation} filters for the
 * protected levels.
 *
 * <p>
 * Our own supplier rather than Spring Cloud's {@code SimpleDiscoveryClient}: the list is
 * the one property the UI already validates at start-up, not a second spelling of the
 * same URLs under {@code spring.cloud.discovery.client.simple.instances}, and no
 * discovery client or instance cache stands between the list and the ejection's verdicts.
 */
final class StaticReplicas implements ServiceInstanceListSupplier {

	private final List<ServiceInstance> instances;

	StaticReplicas(List<Replica> replicas) {
		this.instances = replicas.stream().<ServiceInstance>map(ReplicaInstance::new).toList();
	}

	@Override
	public String getServiceId() {
		return Rotation.SERVICE_ID;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return Flux.just(this.instances);
	}

}
