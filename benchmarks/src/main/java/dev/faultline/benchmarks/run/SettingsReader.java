package dev.faultline.benchmarks.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.faultline.benchmarks.Levels;
import dev.faultline.benchmarks.ServiceSettings;

/**
 * Reads the settings the report describes from the running services, so that no copy of
 * them is typed here: level full's deadline and the retry budget from a UI's health, its
 * breaker from its {@code /actuator/configprops}, the levels with a retry or a breaker
 * from its Resilience4j endpoints, and the chaos scenarios from the backend's
 * {@code GET /chaos/scenarios}.
 */
final class SettingsReader {

	/**
	 * The arguments that let a UI started by the suite show its configuration properties:
	 * the shipped {@code application.yml} exposes neither the endpoint nor the values.
	 */
	static final List<String> UI_ARGUMENTS = List.of("--management.endpoints.web.exposure.include=*",
			"--management.endpoint.configprops.show-values=always");

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String BREAKER_PREFIX = "resilience4j.circuitbreaker";

	private final Http http;

	SettingsReader(Http http) {
		this.http = http;
	}

	/**
	 * Everything the UI at {@code uiUrl} and the backend at {@code managementUrl} tell;
	 * what they do not tell stays {@code null}.
	 */
	ServiceSettings read(String uiUrl, String managementUrl) {
		Optional<JsonNode> resilience = get(uiUrl + "/actuator/health")
			.map((health) -> health.path("components").path("resilience").path("details"));
		Long deadline = resilience.map((details) -> details.path("timeLimiters").path(Levels.FULL).asText(""))
			.filter((text) -> !text.isEmpty())
			.map((text) -> Duration.parse(text).toMillis())
			.orElse(null);
		JsonNode budget = resilience.map((details) -> details.path("retryBudget")).orElse(null);
		return new ServiceSettings(deadline, number(budget, "ratio"), number(budget, "capacity"),
				breaker(get(uiUrl + "/actuator/configprops").orElse(null)),
				levels(get(uiUrl + "/actuator/retries").map((node) -> node.path("retries")).orElse(null)),
				levels(get(uiUrl + "/actuator/circuitbreakers").map((node) -> fieldNames(node.path("circuitBreakers")))
					.orElse(null)),
				get(managementUrl + "/chaos/scenarios").map(SettingsReader::scenarioNames).orElse(null));
	}

	/**
	 * Level full's breaker from the configuration properties: its instance's settings
	 * over those of the config it is based on ({@code default} when it names none).
	 */
	static ServiceSettings.Breaker breaker(JsonNode configprops) {
		if (configprops == null) {
			return ServiceSettings.Breaker.NONE;
		}
		for (JsonNode context : configprops.path("contexts")) {
			for (JsonNode bean : context.path("beans")) {
				if (bean.path("prefix").asText().equals(BREAKER_PREFIX)) {
					JsonNode properties = bean.path("properties");
					JsonNode instance = properties.path("instances").path(Levels.FULL);
					JsonNode base = properties.path("configs").path(instance.path("baseConfig").asText("default"));
					return new ServiceSettings.Breaker(text(instance, base, "slidingWindowType"),
							integer(instance, base, "slidingWindowSize"),
							integer(instance, base, "minimumNumberOfCalls"),
							Optional.ofNullable(text(instance, base, "failureRateThreshold"))
								.map(Double::valueOf)
								.orElse(null),
							Optional.ofNullable(text(instance, base, "waitDurationInOpenState"))
								.map(ServiceSettings.Breaker::millis)
								.orElse(null),
							integer(instance, base, "permittedNumberOfCallsInHalfOpenState"));
				}
			}
		}
		return ServiceSettings.Breaker.NONE;
	}

	/** The names of {@code GET /chaos/scenarios}, in its order. */
	static List<String> scenarioNames(JsonNode answer) {
		List<String> names = new ArrayList<>();
		answer.path("scenarios").forEach((scenario) -> names.add(scenario.path("name").asText()));
		return names;
	}

	/** The level names among the given instance names, in level order. */
	private static List<String> levels(JsonNode names) {
		if (names == null || !names.isArray()) {
			return null;
		}
		List<String> found = new ArrayList<>();
		names.forEach((name) -> found.add(name.asText()));
		return Levels.ALL.stream().filter(found::contains).toList();
	}

	private static JsonNode fieldNames(JsonNode object) {
		ArrayNode names = JsonNodeFactory.instance.arrayNode();
		for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
			names.add(it.next());
		}
		return names;
	}

	private Optional<JsonNode> get(String url) {
		return this.http.getJson(url, TIMEOUT);
	}

	private static Double number(JsonNode node, String name) {
		return (node != null && node.path(name).isNumber()) ? node.get(name).asDouble() : null;
	}

	private static String text(JsonNode instance, JsonNode base, String name) {
		JsonNode value = instance.has(name) ? instance.get(name) : base.get(name);
		return (value != null && !value.isNull()) ? value.asText() : null;
	}

	private static Integer integer(JsonNode instance, JsonNode base, String name) {
		String text = text(instance, base, name);
		return (text != null) ? Integer.valueOf(text) : null;
	}

}
