package dev.faultline.ui.message;

import java.time.Duration;
import java.time.Instant;

import dev.faultline.testsupport.MutableClock;
import dev.faultline.ui.backend.FailureReason;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An outage is told in the log once at its start and then at most once per 10 s per level
 * and kind of answer, with the count: an operator sees it without the dashboard, and a
 * busy UI does not flood its log.
 */
@ExtendWith(OutputCaptureExtension.class)
class DegradedAnswerLogTests {

	private final MutableClock clock = new MutableClock(Instant.EPOCH);

	private final DegradedAnswerLog log = new DegradedAnswerLog(this.clock);

	@Test
	void burstOfFallbacksIsOneLineAtItsStartAndThenOneLinePerInterval(CapturedOutput output) {
		for (int second = 0; second <= 10; second++) {
			if (second > 0) {
				this.clock.advance(Duration.ofSeconds(1));
			}
			for (int i = 0; i < 20; i++) {
				this.log.feedServed(cached(ProtectionLevel.FULL));
			}
		}

		assertThat(lines(output, "Level full served the cache")).isEqualTo(2);
		assertThat(output).contains("Level full served the cache: the live call failed (circuit open)")
			.contains("Level full served the cache 200 more times in the last 10 s (latest reason: circuit open)");
	}

	@Test
	void liveAnswersAreNeverLogged(CapturedOutput output) {
		this.log.feedServed(new FeedServed(ProtectionLevel.FULL, Source.LIVE, null, 3));

		assertThat(output).doesNotContain("Level full");
	}

	@Test
	void unprotectedFailuresAreLoggedAsTheirOwnBurst(CapturedOutput output) {
		this.log.feedServed(cached(ProtectionLevel.FULL));
		this.log.feedServed(new FeedServed(ProtectionLevel.NONE, null, FailureReason.REFUSED, 4));

		assertThat(output).contains("Level full served the cache")
			.contains("Level none answered 502: the backend call failed (refused) after 4 ms");
	}

	@Test
	void aNewBurstAfterAQuietIntervalIsAnnouncedAgain(CapturedOutput output) {
		this.log.feedServed(cached(ProtectionLevel.FALLBACK));
		this.clock.advance(DegradedAnswerLog.INTERVAL.plusSeconds(1));
		this.log.feedServed(cached(ProtectionLevel.FALLBACK));

		assertThat(lines(output, "Level fallback served the cache: the live call failed")).isEqualTo(2);
	}

	private static FeedServed cached(ProtectionLevel level) {
		return new FeedServed(level, Source.CACHE, FailureReason.CIRCUIT_OPEN, 1);
	}

	private static long lines(CapturedOutput output, String text) {
		return output.getOut().lines().filter((line) -> line.contains(text)).count();
	}

}
