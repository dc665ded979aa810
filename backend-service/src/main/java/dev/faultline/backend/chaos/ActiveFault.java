package dev.faultline.backend.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * A fault while it is installed: its spec, when it goes, and what it has done so far.
 */
final class ActiveFault {

	private final FaultSpec spec;

	private final Instant installedAt;

	private final Instant expiresAt;

	private final Random random;

	private long seen;

	private long injected;

	ActiveFault(FaultSpec spec, Instant installedAt) {
		this.spec = spec;
		this.installedAt = installedAt;
		this.expiresAt = installedAt.plus(spec.duration());
		Long seed = spec.selector().seed();
		this.random = (seed != null) ? new Random(seed) : new Random();
	}

	FaultSpec spec() {
		return this.spec;
	}

	Fault fault() {
		return this.spec.fault();
	}

	synchronized boolean expiredAt(Instant now) {
		return !now.isBefore(this.expiresAt) || this.spec.selector().exhausted(this.injected);
	}

	/**
	 * The effect acting now: the fault's own, or for a flap the failure in a failing
	 * phase, or none.
	 */
	Effect actingAt(Instant now) {
		if (this.spec.effect() instanceof Effect.Flap flap) {
			return flap.failingAfter(Duration.between(this.installedAt, now).toMillis()) ? flap.failure() : null;
		}
		return this.spec.effect();
	}

	/**
	 * How much is left of a flap's current failing phase; unlimited for any other fault.
	 */
	long failingMsLeftAt(Instant now) {
		if (this.spec.effect() instanceof Effect.Flap flap) {
			long intoCycle = Duration.between(this.installedAt, now).toMillis() % (flap.upMs() + flap.downMs());
			return Math.max(0, flap.downMs() - intoCycle);
		}
		return Long.MAX_VALUE;
	}

	/**
	 * Counts a request in scope and tells whether the selector hits it; a hit counts as
	 * injected.
	 */
	synchronized boolean select() {
		this.seen++;
		boolean hit = this.spec.selector().hits(this.seen, this.injected, this.random::nextDouble);
		if (hit) {
			this.injected++;
		}
		return hit;
	}

	/**
	 * Counts an injection of a fault that acts without a request, such as a closed port.
	 */
	synchronized void countInjection() {
		this.injected++;
	}

	synchronized ChaosState.Active view(Instant now) {
		boolean perRequest = fault().perRequest() && actsPerRequest();
		return new ChaosState.Active(fault().id(), this.spec.settings(), perRequest ? this.spec.selector() : null,
				perRequest ? this.spec.scope() : null,
				perRequest ? fault().id() + " on " + this.spec.selector().describe() + " to "
						+ this.spec.scope().describe() : null,
				perRequest ? this.seen : null, this.injected, this.installedAt, this.expiresAt,
				Math.max(0, Duration.between(now, this.expiresAt).toSeconds()));
	}

	private boolean actsPerRequest() {
		return this.spec.effect().acting().fault().perRequest();
	}

}
