package dev.faultline.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Reads the services' JSON answers with Jackson: a whole document or nothing, so that an
 * answer with trailing garbage is not taken for valid JSON.
 */
final class JsonAnswers {

	private static final ObjectMapper MAPPER = new ObjectMapper()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private JsonAnswers() {
	}

	/** The document, or a missing node when the text is not one JSON value. */
	static JsonNode parse(String text) {
		try {
			JsonNode node = MAPPER.readTree(text);
			return (node != null) ? node : MissingNode.getInstance();
		}
		catch (JsonProcessingException ex) {
			return MissingNode.getInstance();
		}
	}

}
