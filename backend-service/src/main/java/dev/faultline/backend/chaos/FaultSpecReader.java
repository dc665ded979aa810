package dev.faultline.backend.chaos;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.faultline.backend.system.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.lang.Nullable;

/**
 * Reads a fault's settings from query parameters and JSON alike: binds them into the
 * typed records of {@link FaultSettings} (every value must have its type: plain decimals
 * in the query, JSON numbers in the body), validates those with Bean Validation, checks
 * how the settings combine, and either returns a {@link FaultSpec} or throws one
 * {@link InvalidChaosRequestException} naming every broken rule.
 */
final class FaultSpecReader {

	private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}");

	private static final Pattern DECIMAL_FRACTION = Pattern.compile("[0-9]{1,18}(\\.[0-9]{1,18})?");

	private static final Set<String> SELECTORS = Set.of("rate", "everyNth", "firstN");

	private static final Set<String> SELECTION = names(FaultSettings.Selection.class);

	private final Duration defaultDuration;

	private final Validator validator;

	FaultSpecReader(Duration defaultDuration, Validator validator) {
		this.defaultDuration = defaultDuration;
		this.validator = validator;
	}

	/**
	 * Reads one fault whose settings all have their JSON types (a scenario's, or a
	 * test's).
	 * @param fault the fault named in the path
	 * @param values the settings
	 */
	FaultSpec read(Fault fault, Map<String, Object> values) {
		return read(fault, values, Set.of());
	}

	/**
	 * Reads one fault whose settings came partly from the query string.
	 * @param fault the fault named in the path
	 * @param values the settings, each query text, a list of query texts (a repeated
	 * parameter) or a JSON value
	 * @param fromQuery the names whose values are query text, parsed as such; every other
	 * value must already have its JSON type ({@code "3000"} is not a number)
	 */
	FaultSpec read(Fault fault, Map<String, Object> values, Set<String> fromQuery) {
		Input in = new Input(values, fromQuery);
		Fault kind = (fault == Fault.FLAP) ? in.kind() : fault;
		boolean perRequest = fault.perRequest() && kind.perRequest();
		Set<String> allowed = new TreeSet<>(fault.settings());
		allowed.addAll(kind.settings());
		allowed.add("duration");
		if (perRequest) {
			allowed.addAll(SELECTION);
		}
		values.keySet()
			.stream()
			.filter((name) -> !allowed.contains(name))
			.sorted()
			.forEach((name) -> in.reject(name, "unknown-field",
					"is not a setting of " + fault.id() + "; allowed: " + String.join(", ", allowed)));
		Map<String, Object> shown = new LinkedHashMap<>();
		Effect effect = effect(fault, kind, in, shown);
		Selector selector = Selector.EVERY_REQUEST;
		Scope scope = Scope.ALL_API;
		if (perRequest) {
			FaultSettings.Selection selection = bind(FaultSettings.Selection.class, in);
			selector = selector(selection, in);
			scope = new Scope((selection.methods() != null) ? selection.methods() : List.of(),
					(selection.paths() != null) ? selection.paths() : Scope.ALL_API.paths());
		}
		Duration duration = or(bind(FaultSettings.Lifetime.class, in).duration(), this.defaultDuration);
		if (!in.violations.isEmpty()) {
			throw new InvalidChaosRequestException(in.violations);
		}
		return new FaultSpec(effect, shown, selector, scope, duration);
	}

	private Effect effect(Fault fault, Fault kind, Input in, Map<String, Object> shown) {
		return switch (fault) {
			case DOWN -> new Effect.Down();
			case RESET -> new Effect.Reset();
			case TRUNCATE -> new Effect.Truncate();
			case MALFORMED -> new Effect.Malformed();
			case READINESS -> new Effect.Readiness();
			case HANG -> new Effect.Hang(
					show(shown, "maxMs", or(bind(FaultSettings.Hang.class, in).maxMs(), FaultSettings.MAX_WAIT_MS)));
			case LATENCY -> latency(bind(FaultSettings.Latency.class, in), in, shown);
			case ERROR -> error(bind(FaultSettings.Error.class, in), in, shown);
			case SLOW_BODY -> {
				FaultSettings.SlowBody slow = bind(FaultSettings.SlowBody.class, in);
				yield new Effect.SlowBody((int) show(shown, "chunkBytes", or(slow.chunkBytes(), 16L)),
						show(shown, "chunkDelayMs", or(slow.chunkDelayMs(), 500L)));
			}
			case CRASH ->
				new Effect.Crash(show(shown, "delayMs", or(bind(FaultSettings.Crash.class, in).delayMs(), 1_000L)));
			case FLAP -> {
				FaultSettings.Flap flap = bind(FaultSettings.Flap.class, in);
				long upMs = show(shown, "upMs", or(flap.upMs(), 5_000L));
				long downMs = show(shown, "downMs", or(flap.downMs(), 5_000L));
				shown.put("kind", kind.id());
				yield new Effect.Flap(upMs, downMs, effect(kind, kind, in, shown));
			}
		};
	}

	private static Effect latency(FaultSettings.Latency latency, Input in, Map<String, Object> shown) {
		if (in.has("ms")) {
			if (in.has("minMs") || in.has("maxMs")) {
				in.reject("ms", "one-of", "give either ms, or minMs and maxMs, not both");
			}
			long ms = show(shown, "ms", or(latency.ms(), 0L));
			return new Effect.Latency(ms, ms);
		}
		if (!in.has("minMs") || !in.has("maxMs")) {
			in.reject(in.has("minMs") ? "maxMs" : (in.has("maxMs") ? "minMs" : "ms"), "required",
					"latency needs ms (0.." + FaultSettings.MAX_WAIT_MS + "), or both minMs and maxMs");
			return new Effect.Latency(0, 0);
		}
		long min = show(shown, "minMs", or(latency.minMs(), 0L));
		long max = show(shown, "maxMs", or(latency.maxMs(), 0L));
		if (min > max) {
			in.reject("minMs", "not-greater-than-max", "must not be greater than maxMs (" + max + ")");
		}
		return new Effect.Latency(min, max);
	}

	private static Effect error(FaultSettings.Error error, Input in, Map<String, Object> shown) {
		int status = (int) show(shown, "status", or(error.status(), 500L));
		Integer retryAfter = null;
		if (error.retryAfter() != null) {
			retryAfter = (int) show(shown, "retryAfter", error.retryAfter());
			if (status != 429 && status != 503) {
				in.reject("retryAfter", "requires", "only with status 429 or 503");
			}
		}
		return new Effect.Error(status, retryAfter);
	}

	private static Selector selector(FaultSettings.Selection selection, Input in) {
		List<String> given = SELECTORS.stream().filter(in::has).sorted().toList();
		if (given.size() > 1) {
			given.forEach((name) -> in.reject(name, "one-selector", "only one of everyNth, firstN, rate may be given"));
		}
		if (in.has("seed") && !in.has("rate")) {
			in.reject("seed", "requires", "only with rate");
		}
		return new Selector(selection.rate(), selection.seed(), count(selection.everyNth()), count(selection.firstN()));
	}

	/**
	 * A count as an int; one out of range has been refused already, so clamping it never
	 * reaches a fault.
	 */
	@Nullable
	private static Integer count(@Nullable Long value) {
		return (value != null) ? (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value)) : null;
	}

	/**
	 * Binds the values into a settings record, each by its component's type, and
	 * validates it; every value of the wrong type and every broken constraint is recorded
	 * as a violation. The record always comes back, with {@code null} for what is absent
	 * or unusable, so that every rule is checked in one pass.
	 */
	private <R extends Record> R bind(Class<R> type, Input in) {
		RecordComponent[] components = type.getRecordComponents();
		Object[] values = new Object[components.length];
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			values[i] = in.typed(components[i].getName(), components[i].getGenericType());
			types[i] = components[i].getType();
		}
		R settings;
		try {
			Constructor<R> constructor = type.getDeclaredConstructor(types);
			constructor.setAccessible(true);
			settings = constructor.newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot create " + type.getSimpleName(), ex);
		}
		for (ConstraintViolation<R> violation : this.validator.validate(settings)) {
			in.reject(field(violation.getPropertyPath()), rule(violation), violation.getMessage());
		}
		return settings;
	}

	/**
	 * The setting a violation is about: the first node of its path
	 * ({@code methods[1].<list element>} is methods).
	 */
	private static String field(Path path) {
		return path.iterator().next().getName();
	}

	/**
	 * The README's rule names: every bound is a {@code range}; a method list
	 * {@code one-of}; a path {@code pattern}.
	 */
	private static String rule(ConstraintViolation<?> violation) {
		return switch (violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()) {
			case "Pattern" -> "one-of";
			case "PathPattern" -> "pattern";
			default -> "range";
		};
	}

	private static long show(Map<String, Object> shown, String name, long value) {
		shown.put(name, value);
		return value;
	}

	private static <T> T or(@Nullable T value, T defaultValue) {
		return (value != null) ? value : defaultValue;
	}

	private static Set<String> names(Class<? extends Record> type) {
		return Set.copyOf(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
	}

	/** The raw values with the violations found so far. */
	private static final class Input {

		private final Map<String, Object> values;

		private final Set<String> fromQuery;

		private final List<Violation> violations = new ArrayList<>();

		Input(Map<String, Object> values, Set<String> fromQuery) {
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
		 * A whole number of seconds, or text such as {@code 30s}, {@code 5m} or
		 * {@code PT1H}.
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
		 * A comma-separated list, or a JSON list of strings; an empty item is an error,
		 * not something to skip.
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

	}

}
