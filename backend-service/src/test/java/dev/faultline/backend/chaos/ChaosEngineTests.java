package dev.faultline.backend.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.faultline.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The engine without a server: the crash fault through an injected exit, expiry on a
 * moved clock, the events list bound, and readiness events.
 */
class ChaosEngineTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

	private final List<Object> published = new ArrayList<>();

	private final CompletableFuture<Integer> exited = new CompletableFuture<>();

	private final FaultSpecReader reader = new FaultSpecReader(Duration.ofMinutes(5),
			Validation.buildDefaultValidatorFactory().getValidator());

	@Test
	void crashExitsThroughTheInjectedExitWhenAllowed() throws Exception {
		ChaosEngine engine = engine(true);

		engine.install(this.reader.read(Fault.CRASH, Map.of("delayMs", 0)));

		assertThat(this.exited.get(5, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(engine.events()).extracting(ChaosEvent::fault).containsExactly("crash");
	}

	@Test
	void crashIsRefusedByDefaultAndNothingExits() {
		ChaosEngine engine = engine(false);

		assertThatExceptionOfType(ChaosForbiddenException.class)
			.isThrownBy(() -> engine.install(this.reader.read(Fault.CRASH, Map.of("delayMs", 0))));
		await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> !this.exited.isDone());
		assertThat(engine.state().faults()).isEmpty();
	}

	@Test
	void aFaultIsGoneOnceItsDurationHasPassed() {
		ChaosEngine engine = engine(false);
		engine.install(this.reader.read(Fault.ERROR, Map.of("duration", "30s")));
		assertThat(engine.select("GET", "/api/messages")).hasSize(1);

		this.clock.advance(Duration.ofSeconds(30));

		assertThat(engine.select("GET", "/api/messages")).isEmpty();
		assertThat(engine.state().faults()).isEmpty();
	}

	@Test
	void aFlappingHangEndsWithItsFailingPhase() {
		ChaosEngine engine = engine(false);
		engine.install(this.reader.read(Fault.FLAP, Map.of("kind", "hang", "downMs", 200, "upMs", 60_000)));
		ChaosEngine.Injection injection = engine.select("GET", "/api/messages").get(0);

		long started = System.nanoTime();
		boolean fullHold = engine.hold(injection.fault(), 60_000);

		assertThat(fullHold).isFalse();
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(150L, 10_000L);
	}

	@Test
	void eventsKeepTheLatestHundredNewestFirst() {
		ChaosEngine engine = engine(false);
		engine.install(this.reader.read(Fault.ERROR, Map.of()));

		for (int call = 1; call <= 150; call++) {
			engine.select("GET", "/api/messages/" + call);
		}

		assertThat(engine.events()).hasSize(ChaosEngine.EVENTS_KEPT);
		assertThat(engine.events().get(0).target()).isEqualTo("GET /api/messages/150");
	}

	@Test
	void readinessFaultPublishesRefusingThenAcceptingTraffic() {
		ChaosEngine engine = engine(false);

		engine.install(this.reader.read(Fault.READINESS, Map.of()));
		engine.remove(Fault.READINESS);

		assertThat(this.published).extracting((event) -> ((AvailabilityChangeEvent<?>) event).getState().toString())
			.containsExactly("REFUSING_TRAFFIC", "ACCEPTING_TRAFFIC");
	}

	private ChaosEngine engine(boolean allowCrash) {
		ChaosProperties properties = new ChaosProperties(null, allowCrash, Duration.ofMinutes(5));
		return new ChaosEngine(properties, this.clock, new ApiPort(), this.published::add, new SimpleMeterRegistry(),
				this.exited::complete);
	}

}
