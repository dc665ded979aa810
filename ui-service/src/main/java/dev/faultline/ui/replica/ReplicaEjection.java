package dev.faultline.ui.replica;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.ui.backend.BackendProperties;
import dev.faultline.ui.backend.FailureReasons;
import dev.faultline.ui.backend.Replica;
import dev.faultline.ui.replica.ReplicaState.Status;
import dev.faultline.ui.verdict.ConsecutiveFailures;
import dev.faultline.ui.verdict.FailureRunTrip;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Outlier detection: each replica has a circuit breaker of its own, created at start-up
 * from {@code resilience4j.circuitbreaker.configs.replica} and named after the replica
 * ({@code replica-backend-1-8081}). An open breaker takes its replica out of rotation
 * ({@link InRotation}); after its wait it turns half-open by itself, the replica gets one
 * trial call, and that call brings it back or ejects it again.
 *
 * <p>
 * Besides the breaker's rate window, a run of failures ejects the replica at once
 * ({@link ConsecutiveFailures}, {@code faultline.replica-ejection}), as
 * {@code ConsecutiveFailuresTrip} does for the levels' breakers: with retries going to
 * another replica, a dead one gets only its share of first attempts, and the rate window
 * would need seconds of them. The rules are the same, written once in
 * {@link FailureRunTrip}.
 */
@Component
public class ReplicaEjection {

	/** The Resilience4j configuration each replica's breaker is created from. */
	static final String CONFIG = "replica";

	private static final String NAME_PREFIX = "replica-";

	private static final Logger logger = LoggerFactory.getLogger(ReplicaEjection.class);

	private final Map<Replica, CircuitBreaker> breakers;

	ReplicaEjection(BackendProperties backend, CircuitBreakerRegistry registry, ReplicaEjectionProperties properties,
			Clock clock) {
		Map<Replica, CircuitBreaker> breakers = new LinkedHashMap<>();
		for (Replica replica : backend.replicaList()) {
			CircuitBreaker breaker = registry.circuitBreaker(breakerName(replica), CONFIG);
			ConsecutiveFailures verdict = properties.verdict(clock);
			FailureRunTrip.watch(breaker, verdict,
					(last) -> logger.info("Backend replica {}: {} failures in a row (the last: {}), out of rotation",
							replica, verdict.threshold(), FailureReasons.of(last).label()),
					this::warnIfNoneLeft);
			breakers.put(replica, breaker);
		}
		this.breakers = Collections.unmodifiableMap(breakers);
	}

	/**
	 * The name of the replica's breaker: its {@code host:port} with a dash for the colon,
	 * after {@code replica-}.
	 */
	public static String breakerName(Replica replica) {
		return NAME_PREFIX + replica.id().replace(':', '-');
	}

	/** The replica's breaker. */
	CircuitBreaker breaker(Replica replica) {
		CircuitBreaker breaker = this.breakers.get(replica);
		if (breaker == null) {
			throw new IllegalArgumentException("Not a configured backend replica: " + replica);
		}
		return breaker;
	}

	/** Whether attempts may go to the replica: its breaker is not open. */
	boolean inRotation(Replica replica) {
		return status(breaker(replica).getState()) != Status.EJECTED;
	}

	/** Every replica's state now, in the order configured. */
	public List<ReplicaState> states() {
		return this.breakers.entrySet().stream().map((entry) -> {
			CircuitBreaker breaker = entry.getValue();
			CircuitBreaker.Metrics metrics = breaker.getMetrics();
			return new ReplicaState(entry.getKey().id(), status(breaker.getState()), breaker.getState().name(),
					metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls());
		}).toList();
	}

	private static Status status(State state) {
		return switch (state) {
			case OPEN, FORCED_OPEN -> Status.EJECTED;
			case HALF_OPEN -> Status.TRIAL;
			default -> Status.IN_ROTATION;
		};
	}

	private void warnIfNoneLeft(CircuitBreakerOnStateTransitionEvent transition) {
		if (this.breakers.size() > 1 && transition.getStateTransition().getToState() == State.OPEN
				&& this.breakers.values()
					.stream()
					.allMatch((breaker) -> status(breaker.getState()) == Status.EJECTED)) {
			logger.warn("Every backend replica is out of rotation: attempts go to all of them in turn until one is "
					+ "back, and the levels' breakers judge the backend as a whole");
		}
	}

}
