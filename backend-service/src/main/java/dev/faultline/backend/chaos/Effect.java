package dev.faultline.backend.chaos;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What a fault does, with its validated settings. A flap carries the effect it alternates
 * with.
 */
sealed interface Effect {

	/** The fault this effect belongs to. */
	Fault fault();

	/**
	 * The connection-level or terminal effect a request meets when this effect is
	 * selected.
	 */
	default Effect acting() {
		return this;
	}

	/** The API port refuses connections. */
	record Down() implements Effect {

		@Override
		public Fault fault() {
			return Fault.DOWN;
		}

	}

	/** The connection is dropped without an answer. */
	record Reset() implements Effect {

		@Override
		public Fault fault() {
			return Fault.RESET;
		}

	}

	/**
	 * The request is held without an answer.
	 *
	 * @param maxMs the longest hold, after which the request is answered normally
	 */
	record Hang(long maxMs) implements Effect {

		@Override
		public Fault fault() {
			return Fault.HANG;
		}

	}

	/**
	 * The answer is delayed.
	 *
	 * @param minMs the shortest delay
	 * @param maxMs the longest delay; equal to {@code minMs} for a fixed delay
	 */
	record Latency(long minMs, long maxMs) implements Effect {

		@Override
		public Fault fault() {
			return Fault.LATENCY;
		}

		long pick() {
			return (this.minMs == this.maxMs) ? this.minMs
					: ThreadLocalRandom.current().nextLong(this.minMs, this.maxMs + 1);
		}

	}

	/**
	 * An HTTP error answer.
	 *
	 * @param status the status, 400..599
	 * @param retryAfter seconds for a {@code Retry-After} header, or {@code null} for
	 * none
	 */
	record Error(int status, Integer retryAfter) implements Effect {

		@Override
		public Fault fault() {
			return Fault.ERROR;
		}

	}

	/** The body is cut off and the connection closed. */
	record Truncate() implements Effect {

		@Override
		public Fault fault() {
			return Fault.TRUNCATE;
		}

	}

	/** The body is not valid JSON. */
	record Malformed() implements Effect {

		@Override
		public Fault fault() {
			return Fault.MALFORMED;
		}

	}

	/**
	 * The body trickles.
	 *
	 * @param chunkBytes bytes per piece
	 * @param chunkDelayMs pause before each piece
	 */
	record SlowBody(int chunkBytes, long chunkDelayMs) implements Effect {

		@Override
		public Fault fault() {
			return Fault.SLOW_BODY;
		}

	}

	/**
	 * Alternates failing and healthy, failing first.
	 *
	 * @param upMs how long each healthy phase lasts
	 * @param downMs how long each failing phase lasts
	 * @param failure what happens in a failing phase
	 */
	record Flap(long upMs, long downMs, Effect failure) implements Effect {

		@Override
		public Fault fault() {
			return Fault.FLAP;
		}

		@Override
		public Effect acting() {
			return this.failure;
		}

		/** Whether a flap installed {@code elapsedMs} ago is in a failing phase. */
		boolean failingAfter(long elapsedMs) {
			return elapsedMs % (this.upMs + this.downMs) < this.downMs;
		}

	}

	/** Readiness is OUT_OF_SERVICE. */
	record Readiness() implements Effect {

		@Override
		public Fault fault() {
			return Fault.READINESS;
		}

	}

	/**
	 * The process exits.
	 *
	 * @param delayMs the time between the call and the exit, so that the answer still
	 * goes out
	 */
	record Crash(long delayMs) implements Effect {

		@Override
		public Fault fault() {
			return Fault.CRASH;
		}

	}

}
