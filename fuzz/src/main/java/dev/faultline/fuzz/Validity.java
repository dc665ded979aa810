package dev.faultline.fuzz;

/** What the contract says about an input: surely fine, surely refused, or left open. */
enum Validity {

	VALID, INVALID, UNSURE;

	Validity and(Validity other) {
		if (this == INVALID || other == INVALID) {
			return INVALID;
		}
		return (this == UNSURE || other == UNSURE) ? UNSURE : VALID;
	}

	/**
	 * From the one-letter codes of the generators' tables: V valid, I invalid, else
	 * unsure.
	 */
	static Validity of(String code) {
		return switch (code) {
			case "V" -> VALID;
			case "I" -> INVALID;
			default -> UNSURE;
		};
	}

	Expect expect() {
		return switch (this) {
			case VALID -> Expect.ACCEPT;
			case INVALID -> Expect.REJECT;
			case UNSURE -> Expect.ANY;
		};
	}

}
