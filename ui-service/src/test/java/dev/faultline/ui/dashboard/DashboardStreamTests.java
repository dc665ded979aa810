package dev.faultline.ui.dashboard;

import java.time.Duration;

import dev.faultline.ui.resilience.ProtectionLevel;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream's bounded event queue: a browser that falls behind loses its oldest events,
 * counted, and never grows the UI's memory; a stream only gets the events of its own
 * level and of {@code none}.
 */
class DashboardStreamTests {

	/** The production defaults with the stream limits a test needs. */
	static DashboardProperties properties(int maxStreams, int queueCapacity, Duration heartbeat) {
		return new DashboardProperties(Duration.ofSeconds(1), Duration.ofMillis(250), heartbeat, Duration.ofMinutes(30),
				maxStreams, 2, queueCapacity, 50, Duration.ofMinutes(10), 20, Duration.ofSeconds(2), "", "");
	}

	@Test
	void fullQueueDropsTheOldestEventsAndCountsThem() {
		DashboardStream stream = new DashboardStream(new SseEmitter(), ProtectionLevel.FULL, 3);

		for (int i = 1; i <= 5; i++) {
			stream.offer(event(i, ProtectionLevel.FULL));
		}

		assertThat(stream.dropped()).isEqualTo(2);
		assertThat(stream.drain()).extracting(DashboardEvent::time).containsExactly(3L, 4L, 5L);
		assertThat(stream.drain()).isEmpty();
	}

	@Test
	void aStreamFollowsItsLevelAndTheUnprotectedOne() {
		DashboardStream stream = new DashboardStream(new SseEmitter(), ProtectionLevel.FALLBACK, 3);

		assertThat(stream.follows(ProtectionLevel.FALLBACK)).isTrue();
		assertThat(stream.follows(ProtectionLevel.NONE)).isTrue();
		assertThat(stream.follows(ProtectionLevel.FULL)).isFalse();
	}

	private static DashboardEvent event(long time, ProtectionLevel level) {
		return new DashboardEvent(time, level, "circuit-breaker", "ERROR", "failure", "call failed");
	}

}
