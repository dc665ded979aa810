package dev.faultline.backend.chaos;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import org.springframework.lang.Nullable;

/**
 * Reads a fault's settings from query parameters and JSON alike: binds them into the
 * typed records of {@link FaultSettings} (every value must have its type: plain decimals
 * in the query, JSON numbers in the body), validates those with Bean Validation, checks
 * how the settings combine, and either returns a {@link FaultSpec} or throws one
 * {@link InvalidChaosRequestException} naming every broken rule.
 */
final class FaultSpecReader {

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
		SettingValues in = new SettingValues(values, fromQuery);
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
		if (!in.violations().isEmpty()) {
			throw new InvalidChaosRequestException(in.violations());
		}
		return new FaultSpec(effect, shown, selector, scope, duration);
	}

	private Effect effect(Fault fault, Fault kind, SettingValues in, Map<String, Object> shown) {
		return switch (fault) {
			case DOWN -> new Effect.Down();
			case RESET -> new Effect.Reset();
			case TRUNCATE -> new Effect.Truncate();
			case MALFORMED -> new Effect.Malformed();
			case READINESS -> new Effect.Readiness();
			case HANG -> new Effect.Hang(show(shown, "maxMs", bind(FaultSettings.Hang.class, in).maxMsOrDefault()));
			case LATENCY -> latency(bind(FaultSettings.Latency.class, in), in, shown);
			case ERROR -> error(bind(FaultSettings.Error.class, in), in, shown);
			case SLOW_BODY -> {
				FaultSettings.SlowBody slow = bind(FaultSettings.SlowBody.class, in);
				yield new Effect.SlowBody((int) show(shown, "chunkBytes", slow.chunkBytesOrDefault()),
						show(shown, "chunkDelayMs", slow.chunkDelayMsOrDefault()));
			}
			case CRASH ->
				new Effect.Crash(show(shown, "delayMs", bind(FaultSettings.Crash.class, in).delayMsOrDefault()));
			case FLAP -> {
				FaultSettings.Flap flap = bind(FaultSettings.Flap.class, in);
				long upMs = show(shown, "upMs", flap.upMsOrDefault());
				long downMs = show(shown, "downMs", flap.downMsOrDefault());
				shown.put("kind", kind.id());
				yield new Effect.Flap(upMs, downMs, effect(kind, kind, in, shown));
			}
		};
	}

	private static Effect latency(FaultSettings.Latency latency, SettingValues in, Map<String, Object> shown) {
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

	private static Effect error(FaultSettings.Error error, SettingValues in, Map<String, Object> shown) {
		int status = (int) show(shown, "status", error.statusOrDefault());
		Integer retryAfter = null;
		if (error.retryAfter() != null) {
			retryAfter = (int) show(shown, "retryAfter", error.retryAfter());
			if (status != 429 && status != 503) {
				in.reject("retryAfter", "requires", "only with status 429 or 503");
			}
		}
		return new Effect.Error(status, retryAfter);
	}

	private static Selector selector(FaultSettings.Selection selection, SettingValues in) {
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
	private <R extends Record> R bind(Class<R> type, SettingValues in) {
		RecordComponent[] components = type.getRecordComponents();
		Object[] values = new Object[components.length];
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			values[i] = in.typed(components[i].getName(), components[i].getGenericType());
			types[i] = components[i].getType();
		}
		R settings;
		try {
			// Package-private, as the records are: no access check to bypass.
			settings = type.getDeclaredConstructor(types).newInstance(values);
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

}
