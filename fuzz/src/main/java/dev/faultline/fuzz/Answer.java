package dev.faultline.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** An answer, or why there was none. Header names are lower case. */
record Answer(Outcome outcome, int status, Map<String, List<String>> headers, byte[] body, String failure) {

	static Answer of(int status, Map<String, List<String>> headers, byte[] body) {
		Map<String, List<String>> lower = new TreeMap<>();
		headers
			.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
				.addAll(values));
		return new Answer(Outcome.ANSWERED, status, lower, body, null);
	}

	static Answer failed(Outcome outcome, String failure) {
		return new Answer(outcome, 0, Map.of(), new byte[0], failure);
	}

	boolean answered() {
		return this.outcome == Outcome.ANSWERED;
	}

	/** Whether it was answered with a status of this family (2 for 2xx). */
	boolean is(int family) {
		return answered() && this.status / 100 == family;
	}

	String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	String contentType() {
		String type = header("content-type");
		return (type != null) ? type : "";
	}

	/** The content type without parameters, lower case. */
	String mediaType() {
		String type = contentType();
		int semicolon = type.indexOf(';');
		return ((semicolon >= 0) ? type.substring(0, semicolon) : type).trim().toLowerCase(Locale.ROOT);
	}

	String text() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

}
