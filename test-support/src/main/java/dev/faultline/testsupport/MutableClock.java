package dev.faultline.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UTC clock that a test moves by hand, so that expiries, windows and ages are tested
 * without waiting. Safe to read from other threads while the test advances it.
 */
public final class MutableClock extends Clock {

	private final AtomicLong millis;

	/** A clock standing at the instant. */
	public MutableClock(Instant start) {
		this.millis = new AtomicLong(start.toEpochMilli());
	}

	/** A clock standing at the epoch millisecond. */
	public MutableClock(long startMillis) {
		this.millis = new AtomicLong(startMillis);
	}

	/** Moves the clock on. */
	public void advance(Duration duration) {
		this.millis.addAndGet(duration.toMillis());
	}

	/** Moves the clock on by milliseconds. */
	public void advance(long ms) {
		this.millis.addAndGet(ms);
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(this.millis.get());
	}

	@Override
	public long millis() {
		return this.millis.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
