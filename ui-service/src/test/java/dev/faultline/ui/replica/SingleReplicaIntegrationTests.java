package dev.faultline.ui.replica;

import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.cache.LoadBalancerCacheManager;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI as every deployment before replicas ran it: {@code faultline.backend.replicas}
 * empty, {@code base-url} the only replica, and nothing of Spring Cloud LoadBalancer
 * built beyond the two rotations.
 */
class SingleReplicaIntegrationTests extends AbstractUiIntegrationTests {

	@Autowired
	private ReplicaEjection ejection;

	@Autowired
	private ApplicationContext context;

	@Test
	void theBaseUrlIsTheOnlyReplicaAndAnswersEveryLevel() {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));

		for (ProtectionLevel level : ProtectionLevel.values()) {
			assertThat(feed(level).replica()).as(level.id()).isEqualTo("localhost:" + backend.port());
		}
		assertThat(this.ejection.states()).extracting(ReplicaState::replica)
			.containsExactly("localhost:" + backend.port());
	}

	@Test
	void noLoadBalancerClientFactoryClientOrCacheIsBuilt() {
		assertThat(this.context.getBeanNamesForType(LoadBalancerClientFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(LoadBalancerClient.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(LoadBalancerCacheManager.class)).isEmpty();
	}

}
