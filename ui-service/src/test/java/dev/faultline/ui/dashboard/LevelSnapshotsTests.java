package dev.faultline.ui.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.faultline.testsupport.MutableClock;
import dev.faultline.ui.backend.FailureReason;
import dev.faultline.ui.message.FeedServed;
import dev.faultline.ui.resilience.BreakerOrigin;
import dev.faultline.ui.resilience.BreakerTripped;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.Source;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * From Resilience4j events and feed reads to the dashboard's per-level snapshot, with
 * real registries and no Spring: each registry gets the {@code RegistryEventConsumer} of
 * {@link DashboardConfiguration}, as resilience4j-spring6 does, and every instance is
 * created after that, so each test also proves that instances are watched when added.
 */
class LevelSnapshotsTests {

	private static final long T0 = 1_800_000_000_000L;

	private final MutableClock clock = new MutableClock(T0);

	private final List<DashboardEvent> published = new CopyOnWriteArrayList<>();

	private final LevelActivity activity = new LevelActivity(this.clock,
			DashboardStreamTests.properties(20, 256, Duration.ofSeconds(15)), this::publish);

	private final DashboardConfiguration hooks = new DashboardConfiguration();

	private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
		.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
		.slidingWindowSize(4)
		.minimumNumberOfCalls(4)
		.failureRateThreshold(50)
		.waitDurationInOpenState(Duration.ofSeconds(10))
		.build(), this.hooks.dashboardCircuitBreakerEvents(this.activity));

	private final RetryRegistry retries = RetryRegistry.of(
			RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(1)).build(),
			this.hooks.dashboardRetryEvents(this.activity));

	private final TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.of(TimeLimiterConfig.ofDefaults(),
			this.hooks.dashboardTimeLimiterEvents(this.activity));

	private final BulkheadRegistry bulkheads = BulkheadRegistry.of(
			BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build(),
			this.hooks.dashboardBulkheadEvents(this.activity));

	private final LevelSnapshots snapshots = new LevelSnapshots(this.breakers, this.retries, this.timeLimiters,
			this.bulkheads, this.activity, this.clock);

	@Test
	void openBreakerIsARedLampWithRatesThresholdsTimeInStateAndNextHalfOpen() {
		CircuitBreaker breaker = this.breakers.circuitBreaker(ProtectionLevel.Names.FULL);
		for (int i = 0; i < 4; i++) {
			breaker.onError(5, TimeUnit.MILLISECONDS, new IOException("refused"));
		}
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> breaker.executeSupplier(() -> "x"));
		this.clock.advance(3000);

		LevelSnapshot.Breaker view = this.snapshots.snapshot(ProtectionLevel.FULL).breaker();

		assertThat(this.snapshots.snapshot(ProtectionLevel.FULL).lamp()).isEqualTo("red");
		assertThat(view.state()).isEqualTo("OPEN");
		assertThat(view.since()).isEqualTo(T0);
		assertThat(view.timeInStateMs()).isEqualTo(3000);
		assertThat(view.nextHalfOpenAt()).isEqualTo(T0 + 10_000);
		assertThat(view.failureRate()).isEqualTo(100f);
		assertThat(view.failureRateThreshold()).isEqualTo(50f);
		assertThat(view.bufferedCalls()).isEqualTo(4);
		assertThat(view.notPermittedTotal()).isEqualTo(1);
	}

	@Test
	void eventLogIsNewestFirstAndBoundedToTheLogSize() {
		CircuitBreaker breaker = this.breakers.circuitBreaker(ProtectionLevel.Names.FULL);
		for (int i = 0; i < 4; i++) {
			breaker.onError(5, TimeUnit.MILLISECONDS, new IOException("refused"));
		}
		breaker.transitionToHalfOpenState();
		for (int i = 0; i < 60; i++) {
			breaker.onSuccess(1, TimeUnit.MILLISECONDS);
		}

		List<DashboardEvent> log = this.snapshots.recentEvents(ProtectionLevel.FULL);

		assertThat(log).hasSize(50);
		assertThat(log.get(0).kind()).isEqualTo("success");
		assertThat(this.snapshots.snapshot(ProtectionLevel.FULL).breaker().state()).isEqualTo("CLOSED");
		assertThat(this.snapshots.snapshot(ProtectionLevel.FULL).lamp()).isEqualTo("green");
	}

	@Test
	void aRunOfFailuresThatOpensTheBreakerIsExplainedInTheEventLog() {
		this.activity.breakerTripped(new BreakerTripped(ProtectionLevel.FULL, 4, FailureReason.TIMEOUT));

		DashboardEvent newest = this.snapshots.recentEvents(ProtectionLevel.FULL).get(0);

		assertThat(newest.source()).isEqualTo("circuit-breaker");
		assertThat(newest.kind()).isEqualTo("failure");
		assertThat(newest.message()).isEqualTo("4 failures in a row (the last: timeout) reached the threshold");
	}

	@Test
	void transitionsArePublishedAsTheyHappen() {
		List<DashboardEvent> received = this.published;
		CircuitBreaker breaker = this.breakers.circuitBreaker(ProtectionLevel.Names.CIRCUIT_BREAKER);

		breaker.transitionToOpenState();
		breaker.transitionToHalfOpenState();

		assertThat(received).extracting(DashboardEvent::type).containsExactly("STATE_TRANSITION", "STATE_TRANSITION");
		assertThat(received).extracting(DashboardEvent::message)
			.containsExactly("breaker CLOSED → OPEN", "breaker OPEN → HALF_OPEN");
		assertThat(received)
			.allMatch((event) -> event.level() == ProtectionLevel.CIRCUIT_BREAKER && event.kind().equals("state"));
		assertThat(this.snapshots.snapshot(ProtectionLevel.CIRCUIT_BREAKER).lamp()).isEqualTo("amber");
	}

	@Test
	void aStateAPeerReplicasVerdictPutTheBreakerInNamesThePeer() {
		CircuitBreaker breaker = this.breakers.circuitBreaker(ProtectionLevel.Names.FULL);

		BreakerOrigin.applyFrom("ui-2", breaker::transitionToOpenState);

		assertThat(this.snapshots.snapshot(ProtectionLevel.FULL).breaker().origin()).isEqualTo("ui-2");
		assertThat(this.published).extracting(DashboardEvent::message)
			.containsExactly("breaker CLOSED → OPEN (following ui-2)");
		breaker.transitionToHalfOpenState();
		assertThat(this.snapshots.snapshot(ProtectionLevel.FULL).breaker().origin()).isNull();
	}

	@Test
	void instancesOfOtherNamesAreNotWatched() {
		this.breakers.circuitBreaker("not-a-level").transitionToOpenState();

		assertThat(this.published).isEmpty();
	}

	@Test
	void countsRetriesTimeoutsAndBulkheadRejections() {
		Retry retry = this.retries.retry(ProtectionLevel.Names.FULL);
		AtomicInteger calls = new AtomicInteger();
		retry.executeSupplier(() -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("blip");
			}
			return "ok";
		});
		retry.executeSupplier(() -> "ok");
		this.timeLimiters.timeLimiter(ProtectionLevel.Names.FULL).onError(new TimeoutException("deadline"));
		Bulkhead bulkhead = this.bulkheads.bulkhead(ProtectionLevel.Names.FULL);
		assertThat(bulkhead.tryAcquirePermission()).isTrue();
		assertThat(bulkhead.tryAcquirePermission()).isFalse();

		LevelSnapshot snapshot = this.snapshots.snapshot(ProtectionLevel.FULL);

		assertThat(snapshot.retry().successWithRetry()).isEqualTo(1);
		assertThat(snapshot.retry().successWithoutRetry()).isEqualTo(1);
		assertThat(snapshot.retry().retries()).isEqualTo(1);
		assertThat(snapshot.timeLimiter().timeouts()).isEqualTo(1);
		assertThat(snapshot.bulkhead().available()).isZero();
		assertThat(snapshot.bulkhead().max()).isEqualTo(1);
		assertThat(snapshot.bulkhead().rejected()).isEqualTo(1);
		assertThat(this.snapshots.recentEvents(ProtectionLevel.FULL)).extracting(DashboardEvent::kind)
			.contains("retry", "timeout", "rejected");
	}

	@Test
	void feedReadsFillTheWindowAndLightTheLampOfALevelWithoutBreaker() {
		this.activity.feedServed(new FeedServed(ProtectionLevel.NONE, Source.LIVE, null, 4));
		for (int i = 0; i < 3; i++) {
			this.activity.feedServed(new FeedServed(ProtectionLevel.NONE, null, FailureReason.REFUSED, 12));
		}
		this.activity.feedServed(new FeedServed(ProtectionLevel.FULL, Source.CACHE, FailureReason.CIRCUIT_OPEN, 1));
		this.clock.advance(1000);

		LevelSnapshot none = this.snapshots.snapshot(ProtectionLevel.NONE);

		assertThat(none.breaker()).isNull();
		assertThat(none.retry()).isNull();
		assertThat(none.lamp()).isEqualTo("red");
		assertThat(none.latest().live()).isEqualTo(1);
		assertThat(none.latest().failed()).isEqualTo(3);
		assertThat(none.latest().p99()).isEqualTo(12);
		assertThat(this.snapshots.snapshot(ProtectionLevel.FULL).latest().cached()).isEqualTo(1);
		assertThat(this.snapshots.history(ProtectionLevel.NONE)).hasSize(TrafficWindow.SECONDS);
		assertThat(this.snapshots.recentEvents(ProtectionLevel.NONE)).hasSize(3)
			.allMatch((event) -> event.source().equals("feed") && event.message().contains("refused"));
	}

	@Test
	void aLevelWithoutTrafficOrBreakerIsGrey() {
		assertThat(this.snapshots.snapshot(ProtectionLevel.TIMEOUT).lamp()).isEqualTo("grey");
		assertThat(this.snapshots.snapshot(ProtectionLevel.TIMEOUT).breaker()).isNull();
	}

	private void publish(Object event) {
		if (event instanceof DashboardEvent dashboardEvent) {
			this.published.add(dashboardEvent);
		}
	}

}
