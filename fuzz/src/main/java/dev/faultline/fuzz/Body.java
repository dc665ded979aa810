package dev.faultline.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * A request body with the author and text it means (stripped), or null for both when it
 * means none.
 */
record Body(byte[] bytes, String note, String author, String text, Validity validity) {

	static Body json(String json, Field author, Field text, Validity validity) {
		return new Body(json.getBytes(StandardCharsets.UTF_8), null, author.stored(), text.stored(), validity);
	}

	static Body invalid(String json) {
		return new Body(json.getBytes(StandardCharsets.UTF_8), null, null, null, Validity.INVALID);
	}

	Body withNote(String note) {
		return new Body(this.bytes, note, this.author, this.text, this.validity);
	}

}
