package dev.faultline.fuzz;

/**
 * One chaos setting: its text in a query, its JSON in a body, whether the rules allow it,
 * its number if whole.
 */
record Setting(String name, String text, String json, Validity validity, Long number) {

	/** Given and not JSON null ("has" in the reader's sense). */
	boolean present() {
		return !"null".equals(this.json);
	}

}
