package dev.faultline.ui.replica;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.faultline.ui.backend.BackendException;
import dev.faultline.ui.backend.BackendExceptionsForTests;
import dev.faultline.ui.backend.BackendProperties;
import dev.faultline.ui.backend.BackendRejectedException;
import dev.faultline.ui.backend.BackendServerException;
import dev.faultline.ui.backend.BackendUnavailableException;
import dev.faultline.ui.backend.Replica;
import dev.faultline.ui.replica.ReplicaState.Status;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Rotation} over three replicas, without HTTP: round robin, a retry on a
 * replica not tried yet, an open replica out of rotation and a half-open one with one
 * trial call at a time, never no replica at all, and level {@code none}'s rotation that
 * ignores all of it.
 */
class RotationTests {

	private static final int THRESHOLD = 3;

	private static final BackendException SERVER_ERROR = BackendExceptionsForTests.serverError(500, true);

	private final BackendProperties backend = new BackendProperties(URI.create("http://localhost:8081"),
			List.of(URI.create("http://backend-1:8081"), URI.create("http://backend-2:8081"),
					URI.create("http://backend-3:8081")),
			Duration.ofMillis(500), Duration.ofSeconds(1), 4, 4, URI.create("http://localhost:9081"), List.of(), "");

	private final List<Replica> replicas = this.backend.replicaList();

	private final Replica first = this.replicas.get(0);

	private final Replica second = this.replicas.get(1);

	private final Replica third = this.replicas.get(2);

	private final ReplicaEjection ejection = new ReplicaEjection(this.backend, registry(),
			new ReplicaEjectionProperties(THRESHOLD, Duration.ofSeconds(10)), Clock.systemUTC());

	private final Rotation rotation = Rotation.withEjection(new StaticReplicas(this.replicas), this.ejection);

	@Test
	void roundRobinGivesEachReplicaItsTurn() {
		List<Replica> chosen = chooseAndAnswer(this.rotation, 30, Set.of());

		assertThat(chosen).containsOnly(this.first, this.second, this.third);
		for (Replica replica : this.replicas) {
			assertThat(chosen).filteredOn(replica::equals).hasSize(10);
		}
	}

	@Test
	void aRetryGoesToAReplicaTheCallHasNotTriedYet() {
		assertThat(chooseAndAnswer(this.rotation, 10, Set.of(this.first, this.second))).containsOnly(this.third);
		assertThat(chooseAndAnswer(this.rotation, 10, Set.of(this.first))).containsOnly(this.second, this.third);
	}

	@Test
	void aCallThatTriedEveryReplicaStillGetsOne() {
		assertThat(chooseAndAnswer(this.rotation, 9, Set.copyOf(this.replicas))).containsOnly(this.first, this.second,
				this.third);
	}

	@Test
	void anOpenReplicaIsOutOfRotationEvenForARetry() {
		this.ejection.breaker(this.second).transitionToOpenState();

		assertThat(chooseAndAnswer(this.rotation, 20, Set.of())).containsOnly(this.first, this.third);
		assertThat(chooseAndAnswer(this.rotation, 5, Set.of(this.first))).containsOnly(this.third);
		assertThat(this.ejection.states()).extracting(ReplicaState::rotation)
			.containsExactly(Status.IN_ROTATION, Status.EJECTED, Status.IN_ROTATION);
	}

	@Test
	void withEveryReplicaOpenEachStillTakesItsTurn() {
		this.replicas.forEach((replica) -> this.ejection.breaker(replica).transitionToOpenState());

		assertThat(chooseAndAnswer(this.rotation, 30, Set.of())).contains(this.first, this.second, this.third);
		assertThat(chooseAndAnswer(this.rotation, 5, Set.of(this.first, this.third))).containsOnly(this.second);
	}

	@Test
	void aHalfOpenReplicaTakesOneTrialCallAtATime() {
		this.ejection.breaker(this.second).transitionToOpenState();
		this.ejection.breaker(this.second).transitionToHalfOpenState();

		List<Pick> unanswered = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			unanswered.add(this.rotation.choose(Set.of()));
		}

		assertThat(unanswered).extracting(Pick::replica).filteredOn(this.second::equals).hasSize(1);
		assertThat(this.ejection.states().get(1).rotation()).isEqualTo(Status.TRIAL);
		unanswered.stream().filter((pick) -> pick.replica().equals(this.second)).forEach(this::answer);
		assertThat(this.ejection.breaker(this.second).getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void aRunOfFailuresEjectsTheReplicaAndASuccessBreaksTheRun() {
		for (int i = 0; i < 20; i++) {
			// Healthy calls first: the rate window alone would not open now.
			succeed(this.first);
		}
		fail(this.first, THRESHOLD - 1);
		succeed(this.first);
		fail(this.first, THRESHOLD - 1);
		assertThat(this.ejection.inRotation(this.first)).isTrue();

		fail(this.first, 1);

		assertThat(this.ejection.inRotation(this.first)).isFalse();
		assertThat(this.ejection.breaker(this.first).getState()).isEqualTo(State.OPEN);
	}

	@Test
	void clientErrorsNeverEjectAReplica() {
		BackendException rejected = BackendExceptionsForTests.rejected(404);
		for (int i = 0; i < 10; i++) {
			Pick pick = pickOf(this.first);
			assertThatExceptionOfType(BackendRejectedException.class).isThrownBy(() -> pick.run(failingWith(rejected)));
		}

		assertThat(this.ejection.inRotation(this.first)).isTrue();
		assertThat(this.ejection.states().get(0).failures()).isZero();
	}

	@Test
	void levelNoneRotatesOverEveryReplicaWhateverItsBreakerSays() {
		this.ejection.breaker(this.second).transitionToOpenState();
		Rotation unprotected = Rotation.roundRobin(new StaticReplicas(this.replicas));

		List<Replica> chosen = chooseAndAnswer(unprotected, 30, Set.of());

		assertThat(chosen).filteredOn(this.second::equals).hasSize(10);
	}

	@Test
	void breakersAreNamedAfterTheirReplica() {
		assertThat(ReplicaEjection.breakerName(this.first)).isEqualTo("replica-backend-1-8081");
		assertThat(this.ejection.breaker(this.third).getName()).isEqualTo("replica-backend-3-8081");
	}

	private List<Replica> chooseAndAnswer(Rotation from, int times, Set<Replica> tried) {
		List<Replica> chosen = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			Pick pick = from.choose(tried);
			chosen.add(pick.replica());
			answer(pick);
		}
		return chosen;
	}

	private void answer(Pick pick) {
		pick.run(Function.identity());
	}

	private void succeed(Replica replica) {
		answer(pickOf(replica));
	}

	private void fail(Replica replica, int times) {
		for (int i = 0; i < times; i++) {
			Pick pick = pickOf(replica);
			assertThatExceptionOfType(BackendServerException.class)
				.isThrownBy(() -> pick.run(failingWith(SERVER_ERROR)));
		}
	}

	/** A pick of that replica, as the rotation would make it for an attempt. */
	private Pick pickOf(Replica replica) {
		return new Pick(replica, this.ejection.breaker(replica));
	}

	private static Function<Replica, Object> failingWith(BackendException failure) {
		return (replica) -> {
			throw failure;
		};
	}

	/**
	 * The registry with {@code configs.replica} as application.yml has it, minus the
	 * waits.
	 */
	private static CircuitBreakerRegistry registry() {
		CircuitBreakerConfig replica = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
			.slidingWindowSize(10)
			.minimumNumberOfCalls(5)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofMinutes(1))
			.permittedNumberOfCallsInHalfOpenState(1)
			.recordExceptions(BackendUnavailableException.class, BackendServerException.class)
			.ignoreExceptions(BackendRejectedException.class)
			.build();
		return CircuitBreakerRegistry.of(Map.of(ReplicaEjection.CONFIG, replica));
	}

}
