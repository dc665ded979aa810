package dev.faultline.fuzz;

/** The three APIs, for the counts. */
enum Api {

	MESSAGES("message API"), UI("UI"), CHAOS("chaos API");

	final String label;

	Api(String label) {
		this.label = label;
	}

}
