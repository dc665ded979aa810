package dev.faultline.fuzz;

/** What the generator requires of the status: 2xx/3xx, 4xx, or only the general rules. */
enum Expect {

	ACCEPT, REJECT, ANY;

	/**
	 * From the one-letter codes of the generators' tables: A accept, R reject, else any.
	 */
	static Expect of(String code) {
		return switch (code) {
			case "A" -> ACCEPT;
			case "R" -> REJECT;
			default -> ANY;
		};
	}

}
