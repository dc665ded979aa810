package dev.faultline.backend.chaos;

import java.util.function.DoubleSupplier;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which of the requests in a fault's scope the fault hits. Exactly one kind, or every
 * request.
 *
 * @param rate the probability of a hit, 0..1, or {@code null}
 * @param seed the seed that makes a {@code rate} repeatable, or {@code null} for a random
 * one
 * @param everyNth hit calls n, 2n, 3n..., or {@code null}
 * @param firstN hit the next n calls, then stop, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Selector(Double rate, Long seed, Integer everyNth, Integer firstN) {

	static final Selector EVERY_REQUEST = new Selector(null, null, null, null);

	/**
	 * Whether the {@code seen}-th request in scope (counting from 1) is hit, after
	 * {@code hits} earlier hits.
	 */
	boolean hits(long seen, long hits, DoubleSupplier random) {
		if (this.rate != null) {
			return random.getAsDouble() < this.rate;
		}
		if (this.everyNth != null) {
			return seen % this.everyNth == 0;
		}
		if (this.firstN != null) {
			return hits < this.firstN;
		}
		return true;
	}

	/** Whether the selector will never hit again, so its fault can go. */
	boolean exhausted(long hits) {
		return this.firstN != null && hits >= this.firstN;
	}

	String describe() {
		if (this.rate != null) {
			return Math.round(this.rate * 100) + "% of requests"
					+ ((this.seed != null) ? " (seed " + this.seed + ")" : "");
		}
		if (this.everyNth != null && this.everyNth > 1) {
			return "every " + ordinal(this.everyNth) + " request";
		}
		if (this.firstN != null) {
			return "the first " + this.firstN + " request(s)";
		}
		return "every request";
	}

	private static String ordinal(int n) {
		int mod100 = n % 100;
		String suffix = (mod100 >= 11 && mod100 <= 13) ? "th" : switch (n % 10) {
			case 1 -> "st";
			case 2 -> "nd";
			case 3 -> "rd";
			default -> "th";
		};
		return n + suffix;
	}

}
