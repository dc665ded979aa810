package dev.faultline.deployment;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The ports and actuator paths a service exposes, read from its {@code application.yml}
 * with Spring Boot's defaults: the contract every health check, probe and scrape target
 * must match.
 *
 * @param module the Maven module, also the image name ({@code faultline/<module>})
 * @param serverPort {@code server.port}
 * @param managementPort {@code management.server.port}, or the server port when not set
 * @param actuatorBasePath {@code management.endpoints.web.base-path}, {@code /actuator}
 * by default
 * @param exposedEndpoints {@code management.endpoints.web.exposure.include}
 * @param probesEnabled {@code management.endpoint.health.probes.enabled}: the liveness
 * and readiness groups exist outside Kubernetes only when it is true
 * @param properties every property of the default profile, flattened to dotted keys
 */
record ServiceEndpoints(String module, int serverPort, int managementPort, String actuatorBasePath,
		Set<String> exposedEndpoints, boolean probesEnabled, Map<String, String> properties) {

	static final List<String> MODULES = List.of("backend-service", "ui-service");

	private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{[^:}]+:([^}]*)}$");

	static ServiceEndpoints of(String module) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (Map<String, Object> document : Repository.yamlDocuments(module + "/src/main/resources/application.yml")) {
			Map<String, String> flat = new LinkedHashMap<>();
			flatten("", document, flat);
			if (!flat.containsKey("spring.config.activate.on-profile")) {
				properties.putAll(flat);
			}
		}
		int serverPort = Integer.parseInt(properties.getOrDefault("server.port", "8080"));
		int managementPort = Integer
			.parseInt(properties.getOrDefault("management.server.port", String.valueOf(serverPort)));
		String basePath = properties.getOrDefault("management.endpoints.web.base-path", "/actuator");
		Set<String> exposed = Arrays
			.stream(properties.getOrDefault("management.endpoints.web.exposure.include", "health").split(","))
			.map(String::trim)
			.collect(Collectors.toSet());
		boolean probes = Boolean
			.parseBoolean(properties.getOrDefault("management.endpoint.health.probes.enabled", "false"));
		return new ServiceEndpoints(module, serverPort, managementPort, basePath, exposed, probes, properties);
	}

	static ServiceEndpoints ofImage(String image) {
		String module = image.replaceFirst("^faultline/", "").replaceFirst(":.*$", "");
		if (!MODULES.contains(module)) {
			throw new AssertionError("image " + image + " is not faultline/<module>:<tag> of " + MODULES);
		}
		return of(module);
	}

	String livenessPath() {
		return this.actuatorBasePath + "/health/liveness";
	}

	String readinessPath() {
		return this.actuatorBasePath + "/health/readiness";
	}

	String prometheusPath() {
		return this.actuatorBasePath + "/prometheus";
	}

	private static void flatten(String prefix, Object node, Map<String, String> into) {
		if (node instanceof Map<?, ?> map) {
			map.forEach(
					(key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, into));
		}
		else if (node instanceof List<?> list) {
			into.put(prefix, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
		}
		else {
			String value = String.valueOf(node);
			Matcher placeholder = PLACEHOLDER.matcher(value);
			into.put(prefix, placeholder.matches() ? placeholder.group(1) : value);
		}
	}

}
