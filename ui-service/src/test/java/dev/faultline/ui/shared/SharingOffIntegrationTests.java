package dev.faultline.ui.shared;

import dev.faultline.ui.outbox.Outbox;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.SimpleClientHttpRequestFactoryBuilder;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A UI run alone ({@code faultline.shared.enabled} off, the default) builds nothing for
 * sharing: no Redis client, no Spring Cloud CircuitBreaker factory, and no HTTP client
 * that it would replace at once, so it starts as lean as its features allow
 * (docs/benchmarks.md, "Startup"). The page and the outbox still answer, the outbox with
 * "needs Redis".
 */
class SharingOffIntegrationTests extends AbstractUiIntegrationTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private Outbox outbox;

	@Test
	void noRedisClientIsBuiltWhenSharingIsOff() {
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(StringRedisTemplate.class)).isEmpty();
	}

	@Test
	void noSpringCloudBreakerFactoryIsBuiltWhenSharingIsOff() {
		assertThat(this.context.getBeanNamesForType(CircuitBreakerFactory.class)).isEmpty();
	}

	@Test
	void theOutboxSaysItNeedsRedisWhenSharingIsOff() {
		assertThat(this.outbox.availability()).isEqualTo(Outbox.Availability.NEEDS_REDIS);
	}

	@Test
	void bootsDefaultRequestFactoryIsTheCheapOneThatTheClientsReplace() {
		assertThat(this.context.getBean(ClientHttpRequestFactoryBuilder.class))
			.isInstanceOf(SimpleClientHttpRequestFactoryBuilder.class);
	}

}
