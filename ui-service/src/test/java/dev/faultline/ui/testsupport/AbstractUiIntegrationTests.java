package dev.faultline.ui.testsupport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.faultline.testsupport.TestHttp;
import dev.faultline.ui.resilience.LastKnownGood;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.RetryBudget;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the UI's random-port tests against the {@link StubBackend}. Every subclass
 * without extra configuration shares one Spring context (with metrics export on, which
 * tests turn off by default, for the Prometheus test); before each test the stub, the
 * breakers, the retry budget and the cache are reset.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("test")
public abstract class AbstractUiIntegrationTests {

	/** The stub backend. */
	protected static final WireMockServer backend = StubBackend.server();

	/**
	 * The ports of the application contexts already warmed up; a test class with its own
	 * context has its own.
	 */
	private static final Set<Integer> warmedUp = ConcurrentHashMap.newKeySet();

	@LocalServerPort
	protected int port;

	@Autowired
	protected TestRestTemplate rest;

	@Autowired
	protected CircuitBreakerRegistry breakers;

	@Autowired
	protected RetryBudget retryBudget;

	@Autowired
	protected LastKnownGood lastKnownGood;

	/** A client for this UI over a real socket, new for each test. */
	protected TestHttp ui;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void pointAtStubBackend(DynamicPropertyRegistry registry) {
		registry.add("faultline.backend.base-url", backend::baseUrl);
	}

	@BeforeEach
	void resetBackendAndResilienceState() {
		this.ui = TestHttp.toPort(this.port);
		warmUpOnce();
		backend.resetAll();
		ResilienceState.reset(this.context);
	}

	/**
	 * The very first call in a fresh JVM pays for class loading and JIT on a busy
	 * machine, which can exceed the 2 s deadline; one unprotected call through each
	 * client before the first test keeps timings honest.
	 */
	private void warmUpOnce() {
		if (!warmedUp.add(this.port)) {
			return;
		}
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("warm-up")));
		for (ProtectionLevel level : ProtectionLevel.values()) {
			this.rest.getForEntity("/api/feed?level={level}", String.class, level.id());
		}
		this.rest.getForEntity("/", String.class);
	}

	/** {@code GET /api/feed} at the level; fails the test unless the answer is 200. */
	protected FeedJson feed(ProtectionLevel level) {
		ResponseEntity<FeedJson> response = this.rest.getForEntity("/api/feed?level={level}", FeedJson.class,
				level.id());
		assertThat(response.getStatusCode().value()).as("feed status").isEqualTo(200);
		return response.getBody();
	}

	/** The breaker of the level. */
	protected CircuitBreaker breaker(ProtectionLevel level) {
		return this.breakers.circuitBreaker(level.id());
	}

	/** A new client for this UI that keeps cookies, as one visitor's browser would. */
	protected TestHttp browser() {
		return TestHttp.browserTo("http://127.0.0.1:" + this.port);
	}

}
