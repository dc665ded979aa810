package dev.faultline.ui.message;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells an operator, in the log, that users are getting degraded answers: fallbacks
 * (cached or "unavailable") at the protected levels and 502s at level {@code none}.
 * Without it the log said nothing while the page served the cache for minutes.
 *
 * <p>
 * One line per level and kind of answer at the start of a burst, then at most one line
 * per {@link #INTERVAL} with the count since the last line, so an outage at hundreds of
 * requests a second writes a few lines, not a flood. A burst ends after a quiet
 * {@link #INTERVAL}; the next one is announced again.
 */
@Component
class DegradedAnswerLog {

	/** The most one level and kind of answer writes: one line per 10 s. */
	static final Duration INTERVAL = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(DegradedAnswerLog.class);

	private final Clock clock;

	private final Map<String, Burst> bursts = new ConcurrentHashMap<>();

	DegradedAnswerLog(Clock clock) {
		this.clock = clock;
	}

	@EventListener
	void feedServed(FeedServed served) {
		if (served.source() == Source.LIVE) {
			return;
		}
		String reason = (served.reason() != null) ? served.reason().label() : "unknown";
		String answer = (served.source() == null) ? "answered 502"
				: (served.source() == Source.CACHE) ? "served the cache" : "served \"unavailable\"";
		String key = served.level().id() + ' ' + answer;
		long now = this.clock.millis();
		Burst burst = this.bursts.computeIfAbsent(key, (k) -> new Burst());
		burst.count(now, (count, sinceMs, first) -> {
			if (first) {
				logWarn(served.level(), answer, reason, served.elapsedMs());
			}
			else {
				logger.warn("Level {} {} {} more times in the last {} s (latest reason: {})", served.level().id(),
						answer, count, sinceMs / 1000, reason);
			}
		});
	}

	private static void logWarn(ProtectionLevel level, String answer, String reason, long elapsedMs) {
		if (level == ProtectionLevel.NONE) {
			logger.warn("Level none {}: the backend call failed ({}) after {} ms and nothing protects the user", answer,
					reason, elapsedMs);
		}
		else {
			logger.warn("Level {} {}: the live call failed ({}); further fallbacks are counted, one line per {} s",
					level.id(), answer, reason, INTERVAL.toSeconds());
		}
	}

	/**
	 * What to write for a burst: the count since the last line, the time it covers, and
	 * whether it is new.
	 */
	@FunctionalInterface
	interface Line {

		void write(long count, long sinceMs, boolean first);

	}

	/** The degraded answers of one level and kind since the last line written. */
	static final class Burst {

		private long lastSeen = Long.MIN_VALUE;

		private long lastWritten;

		private long unwritten;

		/** Counts one answer at {@code now} and writes a line when one is due. */
		synchronized void count(long now, Line line) {
			long interval = INTERVAL.toMillis();
			boolean first = this.lastSeen == Long.MIN_VALUE || now - this.lastSeen >= interval;
			this.lastSeen = now;
			if (first) {
				this.unwritten = 0;
				this.lastWritten = now;
				line.write(1, 0, true);
				return;
			}
			this.unwritten++;
			if (now - this.lastWritten >= interval) {
				line.write(this.unwritten, now - this.lastWritten, false);
				this.unwritten = 0;
				this.lastWritten = now;
			}
		}

	}

}
