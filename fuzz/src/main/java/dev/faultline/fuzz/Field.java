package dev.faultline.fuzz;

/** A text field's value and what the contract says about it. */
record Field(String value, Validity validity) {

	/** The value as the API stores it: trimmed of Unicode white space. */
	String stored() {
		return Values.trim(this.value);
	}

}
