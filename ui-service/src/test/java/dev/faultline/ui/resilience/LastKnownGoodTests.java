package dev.faultline.ui.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.faultline.testsupport.MutableClock;
import dev.faultline.ui.backend.BackendExceptionsForTests;
import dev.faultline.ui.backend.FailureReason;
import dev.faultline.ui.backend.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LastKnownGood} on a clock moved by hand: a cached list is served with
 * its exact age and the failure's reason, per page size, and nothing cached is an answer
 * too.
 */
class LastKnownGoodTests {

	private static final Message NEWEST = new Message(2, "Ada", "newest", Instant.parse("2026-01-01T11:00:00Z"));

	private static final Message OLDER = new Message(1, "Ada", "older", Instant.parse("2026-01-01T10:00:00Z"));

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));

	private final LastKnownGood cache = new LastKnownGood(new ResilienceProperties(0.2, 10, 50, Duration.ofHours(1)),
			this.clock);

	@Test
	void aLaterFailureIsAnsweredWithTheCachedListItsExactAgeAndTheReason() {
		this.cache.live(20, List.of(NEWEST, OLDER));
		this.clock.advance(Duration.ofMillis(1_100));

		Delivery fallback = this.cache.fallback(20, BackendExceptionsForTests.serverError(500, true));

		assertThat(fallback.source()).isEqualTo(Source.CACHE);
		assertThat(fallback.reason()).isEqualTo(FailureReason.BACKEND_ERROR);
		assertThat(fallback.ageMs()).isEqualTo(1_100L);
		assertThat(fallback.messages()).containsExactly(NEWEST, OLDER);
	}

	@Test
	void aNewerReadReplacesTheCachedOneAndItsAge() {
		this.cache.live(20, List.of(OLDER));
		this.clock.advance(Duration.ofSeconds(30));
		this.cache.live(20, List.of(NEWEST));
		this.clock.advance(Duration.ofSeconds(5));

		Delivery fallback = this.cache.fallback(20, BackendExceptionsForTests.serverError(503, true));

		assertThat(fallback.ageMs()).isEqualTo(5_000L);
		assertThat(fallback.messages()).containsExactly(NEWEST);
	}

	@Test
	void eachPageSizeHasItsOwnListAndAnUncachedOneIsUnavailable() {
		this.cache.live(20, List.of(NEWEST));

		Delivery fallback = this.cache.fallback(5, BackendExceptionsForTests.serverError(500, true));

		assertThat(fallback.source()).isEqualTo(Source.NONE);
		assertThat(fallback.reason()).isEqualTo(FailureReason.BACKEND_ERROR);
		assertThat(fallback.ageMs()).isNull();
		assertThat(fallback.messages()).isEmpty();
	}

}
