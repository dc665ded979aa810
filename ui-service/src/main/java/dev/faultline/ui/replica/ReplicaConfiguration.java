package dev.faultline.ui.replica;

import dev.faultline.ui.backend.BackendProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two rotations over the backend's replicas, each a Spring Cloud LoadBalancer round
 * robin built here directly: the replica list is static and validated at start-up, so
 * neither the load balancer's child context per service nor its instance cache is needed
 * (see {@code spring.cloud.loadbalancer.enabled} in {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

	@Bean(Rotation.PROTECTED)
	@Qualifier(Rotation.PROTECTED)
	Rotation protectedRotation(BackendProperties backend, ReplicaEjection ejection) {
		return Rotation.withEjection(new StaticReplicas(backend.replicaList()), ejection);
	}

	@Bean(Rotation.UNPROTECTED)
	@Qualifier(Rotation.UNPROTECTED)
	Rotation unprotectedRotation(BackendProperties backend) {
		return Rotation.roundRobin(new StaticReplicas(backend.replicaList()));
	}

}
