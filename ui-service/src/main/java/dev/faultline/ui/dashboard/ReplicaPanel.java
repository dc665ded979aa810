package dev.faultline.ui.dashboard;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.ui.backend.BackendProperties;
import dev.faultline.ui.backend.Replica;
import dev.faultline.ui.message.FeedServed;
import dev.faultline.ui.replica.ReplicaEjection;
import dev.faultline.ui.replica.ReplicaState;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The dashboard's replica panel: each backend replica's state from
 * {@link ReplicaEjection}, and how many reads it answered live, counted from the feed's
 * reads at every level over the same window as its breaker's (read from the breaker, so
 * the three numbers of a row cover the same seconds).
 */
@Component
class ReplicaPanel {

	private final ReplicaEjection ejection;

	private final Clock clock;

	private final int windowSeconds;

	private final Map<String, Answers> answers = new HashMap<>();

	ReplicaPanel(ReplicaEjection ejection, BackendProperties backend, CircuitBreakerRegistry breakers, Clock clock) {
		this.ejection = ejection;
		this.clock = clock;
		List<Replica> replicas = backend.replicaList();
		this.windowSeconds = breakers.find(ReplicaEjection.breakerName(replicas.get(0)))
			.map((breaker) -> breaker.getCircuitBreakerConfig())
			.filter((config) -> config.getSlidingWindowType() == CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
			.map(CircuitBreakerConfig::getSlidingWindowSize)
			.orElse(LevelSnapshots.RECENT_SECONDS);
		for (Replica replica : replicas) {
			this.answers.put(replica.id(), new Answers(this.windowSeconds));
		}
	}

	/** Counts a live read for the replica that answered it. */
	@EventListener
	void feedServed(FeedServed served) {
		Answers counter = (served.replica() != null) ? this.answers.get(served.replica()) : null;
		if (counter != null) {
			counter.add(this.clock.millis() / 1000);
		}
	}

	/** Every replica now, in the order configured. */
	List<ReplicaRow> rows() {
		long second = this.clock.millis() / 1000;
		return this.ejection.states().stream().map((state) -> row(state, second)).toList();
	}

	private ReplicaRow row(ReplicaState state, long second) {
		Answers counter = this.answers.get(state.replica());
		int answered = (counter != null) ? counter.total(second) : 0;
		return new ReplicaRow(state.replica(), state.rotation(), state.breaker(), state.calls(), state.failures(),
				answered, this.windowSeconds);
	}

	/**
	 * One replica's live answers in one-second buckets, reused as time moves on, so
	 * memory stays fixed.
	 */
	static final class Answers {

		private final long[] seconds;

		private final int[] counts;

		Answers(int window) {
			this.seconds = new long[window];
			this.counts = new int[window];
		}

		/** Counts one answer in this second (epoch seconds). */
		synchronized void add(long second) {
			int slot = (int) (second % this.seconds.length);
			if (this.seconds[slot] != second) {
				this.seconds[slot] = second;
				this.counts[slot] = 0;
			}
			this.counts[slot]++;
		}

		/** The answers in the window up to and including this second. */
		synchronized int total(long second) {
			int total = 0;
			for (int slot = 0; slot < this.seconds.length; slot++) {
				if (this.seconds[slot] > second - this.seconds.length && this.seconds[slot] <= second) {
					total += this.counts[slot];
				}
			}
			return total;
		}

	}

}
