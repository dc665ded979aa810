package dev.faultline.backend.chaos;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.faultline.backend.system.Violation;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.lang.Nullable;

/**
 * The raw values of one chaos request, from its query string and its JSON body, and their
 * typing: each value is read as the type its setting has (plain decimals in the query,
 * JSON numbers in the body, durations, lists of strings), and every value of the wrong
 * type is recorded as a violation, with the other violations the {@link FaultSpecReader}
 * finds.
 */
final class SettingValues {

	private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}");

	private static final Pattern DECIMAL_FRACTION = Pattern.compile("[0-9]{1,18}(\\.[0-9]{1,18})?");

	private final Map<String, Object> values;

	private final Set<String> fromQuery;

	private final List<Violation> violations = new ArrayList<>();

	SettingValues(Map<String, Object> values, Set<String> fromQuery) {
		this.values = values;
		this.fromQuery = fromQuery;
	}

	boolean has(String name) {
		return this.values.get(name) != null;
	}

	void reject(String field, String rule, String message) {
		this.violations.add(new Violation(field, rule, message));
	}

	Fault kind() {
		Object value = this.values.get("kind");
		if (value == null) {
			return Fault.ERROR;
		}
		Fault kind = Fault.of(String.valueOf(value)).filter(Fault.FLAP_KINDS::contains).orElse(null);
		if (kind == null) {
			reject("kind", "one-of", "must be one of " + String.join(", ", Fault.ids(Fault.FLAP_KINDS)));
			return Fault.ERROR;
		}
		return kind;
	}

	/**
	 * The value as the type, {@code null} when absent; a value of another type is
	 * recorded as a violation.
	 */
	@Nullable
	Object typed(String name, Type type) {
		if (!has(name)) {
			return null;
		}
		Object value = this.values.get(name);
		boolean query = this.fromQuery.contains(name);
		if (type == Long.class) {
			return typeChecked(name, whole(value, query), "must be a whole number");
		}
		if (type == Double.class) {
			return typeChecked(name, fraction(value, query), "must be a number");
		}
		if (type == Duration.class) {
			return typeChecked(name, duration(value), "must be a duration such as 90 (seconds), 30s, 5m or PT1H");
		}
		if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
			return strings(name, value);
		}
		return typeChecked(name, (value instanceof String text) ? text : null, "must be a string");
	}

	@Nullable
	private Object typeChecked(String name, @Nullable Object value, String message) {
		if (value == null) {
			reject(name, "type", message);
		}
		return value;
	}

	/**
	 * A JSON integer, or query text that is a plain ASCII decimal ({@code 0x10},
	 * {@code +5}, JSON {@code "3000"} are not).
	 */
	@Nullable
	private static Long whole(Object value, boolean queryText) {
		if (value instanceof Integer || value instanceof Long) {
			return ((Number) value).longValue();
		}
		if (queryText && value instanceof String text && DECIMAL.matcher(text).matches()) {
			return Long.valueOf(text);
		}
		return null;
	}

	@Nullable
	private static Double fraction(Object value, boolean queryText) {
		if (value instanceof Double || value instanceof Integer || value instanceof Long) {
			double number = ((Number) value).doubleValue();
			return Double.isFinite(number) ? number : null;
		}
		if (queryText && value instanceof String text && DECIMAL_FRACTION.matcher(text).matches()) {
			return Double.valueOf(text);
		}
		return null;
	}

	/**
	 * A whole number of seconds, or text such as {@code 30s}, {@code 5m} or {@code PT1H}.
	 */
	@Nullable
	private static Duration duration(Object value) {
		try {
			if (value instanceof Integer || value instanceof Long) {
				return Duration.ofSeconds(((Number) value).longValue());
			}
			return (value instanceof String text) ? DurationStyle.detectAndParse(text, ChronoUnit.SECONDS) : null;
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			return null;
		}
	}

	/**
	 * A comma-separated list, or a JSON list of strings; an empty item is an error, not
	 * something to skip.
	 */
	@Nullable
	private List<String> strings(String name, Object value) {
		List<?> items = (value instanceof List<?> list) ? list : List.of(value);
		List<String> strings = new ArrayList<>();
		for (Object item : items) {
			if (!(item instanceof String text)) {
				reject(name, "type", "must be a string or a list of strings");
				return null;
			}
			for (String part : text.split(",", -1)) {
				if (part.isBlank()) {
					reject(name, "list", "must be a comma-separated list without empty items, such as GET,POST");
					return null;
				}
				strings.add(part.trim());
			}
		}
		return strings;
	}

	/** The violations found so far, in the order found. */
	List<Violation> violations() {
		return this.violations;
	}

}
