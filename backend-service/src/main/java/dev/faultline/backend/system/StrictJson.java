package dev.faultline.backend.system;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.exc.StreamReadException;

/**
 * What strict JSON parsing ({@code spring.jackson.parser.strict-duplicate-detection})
 * reports, turned into the field it is about, so that {@code {"author":"A","author":"B"}}
 * is answered with a violation naming {@code author}.
 */
public final class StrictJson {

	// Jackson's DupDetector words it this way; its exception carries no field name of its
	// own.
	private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'$", Pattern.DOTALL);

	private StrictJson() {
	}

	/** The field given twice, when this is Jackson's duplicate-field error. */
	public static Optional<String> duplicateField(Throwable error) {
		if (error instanceof StreamReadException json && json.getOriginalMessage() != null) {
			Matcher matcher = DUPLICATE.matcher(json.getOriginalMessage());
			if (matcher.matches()) {
				return Optional.of(matcher.group(1));
			}
		}
		return Optional.empty();
	}

	/** The violation for a field given twice. */
	public static Violation duplicate(String field) {
		return new Violation(field, "duplicate", "is given more than once; give each field once");
	}

}
