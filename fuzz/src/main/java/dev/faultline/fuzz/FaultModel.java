package dev.faultline.fuzz;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The chaos API's faults as the README describes them, and its rules for their settings.
 */
enum FaultModel {

	DOWN("down", false), RESET("reset", true), HANG("hang", true, "maxMs"),
	LATENCY("latency", true, "ms", "minMs", "maxMs"), ERROR("error", true, "status", "retryAfter"),
	TRUNCATE("truncate", true), MALFORMED("malformed", true),
	SLOW_BODY("slow-body", true, "chunkBytes", "chunkDelayMs"), FLAP("flap", true, "upMs", "downMs", "kind"),
	READINESS("readiness", false), CRASH("crash", false, "delayMs");

	static final List<String> SELECTION = List.of("rate", "seed", "everyNth", "firstN", "methods", "paths");

	static final List<FaultModel> FLAP_KINDS = List.of(DOWN, RESET, HANG, LATENCY, ERROR, TRUNCATE, MALFORMED,
			SLOW_BODY, READINESS);

	/** Every fault but crash, which is only ever sent with a setting that is refused. */
	static final List<FaultModel> INSTALLABLE = List.of(DOWN, RESET, HANG, LATENCY, ERROR, TRUNCATE, MALFORMED,
			SLOW_BODY, FLAP, READINESS);

	final String id;

	final boolean perRequest;

	final List<String> settings;

	FaultModel(String id, boolean perRequest, String... settings) {
		this.id = id;
		this.perRequest = perRequest;
		this.settings = List.of(settings);
	}

	/** The fault with this id, as the chaos API names it. */
	static Optional<FaultModel> of(String id) {
		return Arrays.stream(values()).filter((fault) -> fault.id.equals(id)).findFirst();
	}

	static Optional<FaultModel> flapKind(String id) {
		return FLAP_KINDS.stream().filter((kind) -> kind.id.equals(id)).findFirst();
	}

	/**
	 * Whether the README's rules accept these settings for this fault: known names,
	 * values in range, one selector.
	 */
	static Validity judge(FaultModel fault, Map<String, Setting> settings) {
		Validity validity = Validity.VALID;
		FaultModel kind = fault;
		if (fault == FLAP) {
			Setting given = settings.get("kind");
			kind = (given != null && given.present()) ? flapKind(given.text()).orElse(ERROR) : ERROR;
		}
		Set<String> allowed = new HashSet<>(fault.settings);
		allowed.addAll(kind.settings);
		allowed.add("duration");
		if (fault.perRequest && kind.perRequest) {
			allowed.addAll(SELECTION);
		}
		for (Setting setting : settings.values()) {
			if (!allowed.contains(setting.name())) {
				return Validity.INVALID;
			}
			if (setting.present()) {
				validity = validity.and(setting.validity());
			}
		}
		Set<String> present = settings.values()
			.stream()
			.filter(Setting::present)
			.map(Setting::name)
			.collect(Collectors.toSet());
		if (kind == LATENCY) {
			boolean ms = present.contains("ms");
			boolean min = present.contains("minMs");
			boolean max = present.contains("maxMs");
			if ((ms && (min || max)) || (!ms && !(min && max))) {
				return Validity.INVALID;
			}
			Long minValue = min ? settings.get("minMs").number() : null;
			Long maxValue = max ? settings.get("maxMs").number() : null;
			if (minValue != null && maxValue != null && minValue > maxValue) {
				return Validity.INVALID;
			}
		}
		if (kind == ERROR && present.contains("retryAfter")) {
			Long status = present.contains("status") ? settings.get("status").number() : Long.valueOf(500);
			if (status == null || (status != 429 && status != 503)) {
				return Validity.INVALID;
			}
		}
		long selectors = present.stream().filter((name) -> Set.of("rate", "everyNth", "firstN").contains(name)).count();
		if (selectors > 1 || (present.contains("seed") && !present.contains("rate"))) {
			return Validity.INVALID;
		}
		return validity;
	}

}
