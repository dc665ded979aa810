package dev.faultline.backend.chaos;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.faultline.backend.system.Violation;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.lang.Nullable;

/**
 * Reads a fault's settings from query parameters and JSON alike, checks every rule, and either returns a
 * {@link FaultSpec} or throws one {@link InvalidChaosRequestException} naming every broken rule.
 */
final class FaultSpecReader {

	/** The shortest a fault may stay: anything shorter is gone before anyone could see it. */
	static final Duration MIN_DURATION = Duration.ofSeconds(1);

	/** The longest a fault may stay. */
	static final Duration MAX_DURATION = Duration.ofHours(1);

	/** The longest a single request may be held or delayed: 10 minutes. */
	static final long MAX_WAIT_MS = 600_000;

	private static final long MAX_PHASE_MS = MAX_DURATION.toMillis();

	private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}");

	private static final Pattern DECIMAL_FRACTION = Pattern.compile("[0-9]{1,18}(\\.[0-9]{1,18})?");

	private static final Set<String> SELECTORS = Set.of("rate", "everyNth", "firstN");

	private static final Set<String> SELECTION = Set.of("rate", "seed", "everyNth", "firstN", "methods", "paths");

	private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	private final Duration defaultDuration;

	FaultSpecReader(Duration defaultDuration) {
		this.defaultDuration = defaultDuration;
	}

	/**
	 * Reads one fault.
	 * @param fault the fault named in the path
	 * @param values the settings, each a string (query), a list of strings (repeated query parameter) or a
	 * JSON value
	 */
	FaultSpec read(Fault fault, Map<String, Object> values) {
		return read(fault, values, Set.of());
	}

	/**
	 * Reads one fault whose settings came partly from the query string.
	 * @param fromQuery the names whose values are query text, parsed as such; every other value must already
	 * have its JSON type ({@code "3000"} is not a number)
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
		values.keySet().stream().filter((name) -> !allowed.contains(name)).sorted().forEach((name) -> in.reject(name,
				"unknown-field", "is not a setting of " + fault.id() + "; allowed: " + String.join(", ", allowed)));
		Map<String, Object> shown = new LinkedHashMap<>();
		Effect effect = effect(fault, kind, in, shown);
		Selector selector = perRequest ? selector(in) : Selector.EVERY_REQUEST;
		Scope scope = perRequest ? scope(in) : Scope.ALL_API;
		Duration duration = duration(in);
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
			case HANG -> new Effect.Hang(in.whole("maxMs", 1, MAX_WAIT_MS, MAX_WAIT_MS, shown));
			case LATENCY -> latency(in, shown);
			case ERROR -> error(in, shown);
			case SLOW_BODY -> new Effect.SlowBody((int) in.whole("chunkBytes", 1, 65_536, 16, shown),
					in.whole("chunkDelayMs", 1, 60_000, 500, shown));
			case CRASH -> new Effect.Crash(in.whole("delayMs", 0, 60_000, 1_000, shown));
			case FLAP -> {
				long upMs = in.whole("upMs", 1, MAX_PHASE_MS, 5_000, shown);
				long downMs = in.whole("downMs", 1, MAX_PHASE_MS, 5_000, shown);
				shown.put("kind", kind.id());
				yield new Effect.Flap(upMs, downMs, effect(kind, kind, in, shown));
			}
		};
	}

	private static Effect latency(Input in, Map<String, Object> shown) {
		if (in.has("ms")) {
			if (in.has("minMs") || in.has("maxMs")) {
				in.reject("ms", "one-of", "give either ms, or minMs and maxMs, not both");
			}
			long ms = in.whole("ms", 0, MAX_WAIT_MS, 0, shown);
			return new Effect.Latency(ms, ms);
		}
		if (!in.has("minMs") || !in.has("maxMs")) {
			in.reject(in.has("minMs") ? "maxMs" : (in.has("maxMs") ? "minMs" : "ms"), "required",
					"latency needs ms (0.." + MAX_WAIT_MS + "), or both minMs and maxMs");
			return new Effect.Latency(0, 0);
		}
		long min = in.whole("minMs", 0, MAX_WAIT_MS, 0, shown);
		long max = in.whole("maxMs", 0, MAX_WAIT_MS, 0, shown);
		if (min > max) {
			in.reject("minMs", "not-greater-than-max", "must not be greater than maxMs (" + max + ")");
		}
		return new Effect.Latency(min, max);
	}

	private static Effect error(Input in, Map<String, Object> shown) {
		int status = (int) in.whole("status", 400, 599, 500, shown);
		Integer retryAfter = null;
		if (in.has("retryAfter")) {
			retryAfter = (int) in.whole("retryAfter", 0, 86_400, 0, shown);
			if (status != 429 && status != 503) {
				in.reject("retryAfter", "requires", "only with status 429 or 503");
			}
		}
		return new Effect.Error(status, retryAfter);
	}

	private static Selector selector(Input in) {
		List<String> given = SELECTORS.stream().filter(in::has).sorted().toList();
		if (given.size() > 1) {
			given.forEach((name) -> in.reject(name, "one-selector", "only one of everyNth, firstN, rate may be given"));
		}
		Double rate = in.has("rate") ? in.fraction("rate") : null;
		Long seed = null;
		if (in.has("seed")) {
			seed = in.whole("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0, null);
			if (rate == null) {
				in.reject("seed", "requires", "only with rate");
			}
		}
		Integer everyNth = in.has("everyNth") ? (int) in.whole("everyNth", 1, 1_000_000, 1, null) : null;
		Integer firstN = in.has("firstN") ? (int) in.whole("firstN", 1, 1_000_000, 1, null) : null;
		return new Selector(rate, seed, everyNth, firstN);
	}

	private static Scope scope(Input in) {
		int before = in.violations.size();
		List<String> methods = in.strings("methods");
		methods.stream().filter((method) -> !METHODS.contains(method)).findFirst().ifPresent((method) -> in.reject(
				"methods", "one-of", "must be HTTP methods in capitals among " + String.join(", ", METHODS)));
		List<String> paths = in.strings("paths");
		if (in.violations.size() > before) {
			return Scope.ALL_API;
		}
		if (in.has("paths") && paths.stream().anyMatch((path) -> !path.startsWith("/"))) {
			in.reject("paths", "pattern", "must be path patterns starting with /, such as /api/** or /api/messages/*");
		}
		else {
			paths.stream().map(Scope::problemWith).filter(Objects::nonNull).findFirst()
				.ifPresent((problem) -> in.reject("paths", "pattern", problem));
		}
		return new Scope(methods, paths.isEmpty() ? Scope.ALL_API.paths() : paths);
	}

	private Duration duration(Input in) {
		Object value = in.values.get("duration");
		if (value == null) {
			return this.defaultDuration;
		}
		Duration duration;
		try {
			duration = (value instanceof Integer || value instanceof Long) ? Duration.ofSeconds(((Number) value).longValue())
					: DurationStyle.detectAndParse((String) value, ChronoUnit.SECONDS);
		}
		catch (IllegalArgumentException | ClassCastException ex) {
			in.reject("duration", "type", "must be a duration such as 90 (seconds), 30s, 5m or PT1H");
			return this.defaultDuration;
		}
		if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
			in.reject("duration", "range", "must be at least 1s and at most 1h");
		}
		return duration;
	}

	/** The raw values with the violations found so far. */
	private static final class Input {

		private final Map<String, Object> values;

		private final List<Violation> violations = new ArrayList<>();

		private final Set<String> fromQuery;

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

		/** A whole number in min..max, or the default when absent; shown with its name if {@code shown} is given. */
		long whole(String name, long min, long max, long defaultValue, @Nullable Map<String, Object> shown) {
			Object value = this.values.get(name);
			long result = defaultValue;
			if (value != null) {
				Long number = parseWhole(value, this.fromQuery.contains(name));
				if (number == null || number < min || number > max) {
					reject(name, (number == null) ? "type" : "range", "must be a whole number between " + min + " and " + max);
				}
				else {
					result = number;
				}
			}
			if (shown != null) {
				shown.put(name, result);
			}
			return result;
		}

		double fraction(String name) {
			Object value = this.values.get(name);
			Double number = null;
			try {
				number = (value instanceof Double || value instanceof Integer || value instanceof Long)
						? Double.valueOf(((Number) value).doubleValue())
						: (value instanceof String s && this.fromQuery.contains(name) && DECIMAL_FRACTION.matcher(s).matches())
								? Double.valueOf(s) : null;
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			if (number == null || number.isNaN() || number <= 0 || number > 1) {
				reject(name, (number == null) ? "type" : "range",
						"must be a number more than 0 and at most 1 (0 would select no request)");
				return 0;
			}
			return number;
		}

		List<String> strings(String name) {
			Object value = this.values.get(name);
			if (value == null) {
				return List.of();
			}
			List<?> items = (value instanceof List<?> list) ? list : List.of(value);
			List<String> strings = new ArrayList<>();
			for (Object item : items) {
				if (!(item instanceof String text)) {
					reject(name, "type", "must be a string or a list of strings");
					return List.of();
				}
				for (String part : text.split(",", -1)) {
					if (part.isBlank()) {
						reject(name, "list", "must be a comma-separated list without empty items, such as GET,POST");
						return List.of();
					}
					strings.add(part.trim());
				}
			}
			return strings;
		}

		/** A JSON integer, or query text that is a plain ASCII decimal ({@code 0x10}, {@code +5}, {@code "3000"} in JSON are not). */
		@Nullable
		private static Long parseWhole(Object value, boolean queryText) {
			if (value instanceof Integer || value instanceof Long) {
				return ((Number) value).longValue();
			}
			if (queryText && value instanceof String text && DECIMAL.matcher(text).matches()) {
				return Long.valueOf(text);
			}
			return null;
		}

	}

}
