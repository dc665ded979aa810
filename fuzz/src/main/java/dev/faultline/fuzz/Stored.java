package dev.faultline.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

/** A message as the API answers it. */
record Stored(long id, String author, String text) {

	/** The message in a JSON answer, or null when it is not one. */
	static Stored of(JsonNode json) {
		JsonNode id = json.path("id");
		JsonNode author = json.path("author");
		JsonNode text = json.path("text");
		if (id.isIntegralNumber() && id.canConvertToLong() && author.isTextual() && text.isTextual()) {
			return new Stored(id.longValue(), author.textValue(), text.textValue());
		}
		return null;
	}

	boolean sameContent(Stored other) {
		return this.id == other.id && this.author.equals(other.author) && this.text.equals(other.text);
	}

}
