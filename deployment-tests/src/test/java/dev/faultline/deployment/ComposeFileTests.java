package dev.faultline.deployment;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml}: three backend replicas on one PostgreSQL, each with its own
 * host ports, that both UI replicas spread their reads over; the demo's ports, on
 * loopback unless the one switch opens the UI to the room, one speaker token for every
 * control, health checks that call the services' readiness groups with nothing but the
 * JRE, restarts for auto-healing, memory limits a laptop can hold, persistent messages, a
 * Redis the UI replicas share but can do without, and an opt-in observability profile.
 */
class ComposeFileTests {

	private static final Map<String, Object> COMPOSE = Repository.yaml("docker-compose.yml");

	/** Redis's default port, which the compose file leaves as it is. */
	private static final int REDIS_PORT = 6379;

	/** Where every port is published by default. */
	private static final String LOOPBACK = "127.0.0.1";

	/** The one switch that opens the UI (and nothing else) to the room. */
	private static final String UI_ADDRESS = "${FAULTLINE_UI_ADDRESS:-" + LOOPBACK + "}";

	/** The backend replicas, in the order the UI lists them. */
	private static final List<String> BACKENDS = List.of("backend-1", "backend-2", "backend-3");

	/** The UI replicas. */
	private static final List<String> UIS = List.of("ui-1", "ui-2");

	/** PostgreSQL's {@code max_connections} unless its command sets another. */
	private static final int POSTGRES_DEFAULT_MAX_CONNECTIONS = 100;

	/** PostgreSQL's {@code superuser_reserved_connections}: not for the backends. */
	private static final int POSTGRES_RESERVED_CONNECTIONS = 3;

	/** Hikari's {@code maximumPoolSize} unless the backend sets another. */
	private static final int HIKARI_DEFAULT_POOL_SIZE = 10;

	/**
	 * What the demo's containers may use together at most: a laptop with 8 GB runs the
	 * stack beside a browser and the slides.
	 */
	private static final long STACK_MEMORY_BUDGET = 3L * 1024 * 1024 * 1024;

	/** The one secret of the chaos API and the dashboard's controls. */
	private static final String SPEAKER_TOKEN = "FAULTLINE_SPEAKER_TOKEN";

	/**
	 * {@code ${NAME}}, {@code ${NAME:-default}} or {@code $NAME}, as compose reads them.
	 */
	private static final Pattern VARIABLE = Pattern
		.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

	@Test
	void runsThreeBackendReplicasOfOneImageAndTwoUiReplicas() {
		assertThat(servicesRunning("backend-service")).isEqualTo(BACKENDS);
		assertThat(servicesRunning("ui-service")).isEqualTo(UIS);
		Map<String, Object> first = new LinkedHashMap<>(service(BACKENDS.get(0)));
		first.remove("ports");
		for (String name : BACKENDS) {
			Map<String, Object> backend = new LinkedHashMap<>(service(name));
			backend.remove("ports");
			assertThat(backend).as(name + ": the same as " + BACKENDS.get(0) + " but for its host ports")
				.isEqualTo(first);
		}
	}

	@Test
	void publishesEachBackendsApiAndControlPortsOnLoopbackTheFirstOnTheSingleBackendsPorts() {
		ServiceEndpoints backend = ServiceEndpoints.of("backend-service");
		assertThat(ports(BACKENDS.get(0))).as("the README's curls and scripts/chaos keep working")
			.containsExactly(LOOPBACK + ":" + backend.serverPort() + ":" + backend.serverPort(),
					LOOPBACK + ":" + backend.managementPort() + ":" + backend.managementPort());
		for (String name : BACKENDS) {
			assertThat(ports(name)).as(name)
				.hasSize(2)
				.anySatisfy((port) -> assertThat(port).startsWith(LOOPBACK + ":").endsWith(":" + backend.serverPort()))
				.anySatisfy(
						(port) -> assertThat(port).startsWith(LOOPBACK + ":").endsWith(":" + backend.managementPort()));
		}
		assertThat(ports("backend-2")).containsExactly(LOOPBACK + ":8181:" + backend.serverPort(),
				LOOPBACK + ":9181:" + backend.managementPort());
		assertThat(ports("backend-3")).containsExactly(LOOPBACK + ":8281:" + backend.serverPort(),
				LOOPBACK + ":9281:" + backend.managementPort());
	}

	@Test
	void everyHostPortIsPublishedOnce() {
		List<String> hostPorts = new ArrayList<>();
		Yamls.map(COMPOSE, "services").forEach((name, service) -> {
			if (Yamls.has(service, "ports")) {
				for (String port : Yamls.strings(service, "ports")) {
					String[] parts = interpolateWithNoVariables(port).split(":");
					hostPorts.add(parts[parts.length - 2]);
				}
			}
		});
		assertThat(hostPorts).doesNotHaveDuplicates();
	}

	@Test
	void scriptsChaosKnowsEveryBackendsControlPortByItsServiceName() {
		String script = Repository.read("scripts/chaos");
		int management = ServiceEndpoints.of("backend-service").managementPort();
		for (String name : BACKENDS) {
			String hostPort = ports(name).stream()
				.filter((port) -> port.endsWith(":" + management))
				.map((port) -> port.split(":")[1])
				.findFirst()
				.orElseThrow();
			assertThat(script).as("scripts/chaos's default replica list")
				.contains(name + "=http://localhost:" + hostPort);
		}
	}

	@Test
	void publishesOneHostPortPerUiReplicaOnTheSwitch() {
		int uiPort = ServiceEndpoints.of("ui-service").serverPort();
		assertThat(ports("ui-1")).containsExactly(UI_ADDRESS + ":8080:" + uiPort);
		assertThat(ports("ui-2")).containsExactly(UI_ADDRESS + ":8082:" + uiPort);
	}

	@Test
	void withNoVariableSetEveryPublishedPortOfEveryProfileIsOnLoopback() {
		Map<String, List<String>> published = new LinkedHashMap<>();
		Yamls.map(COMPOSE, "services").forEach((name, service) -> {
			if (Yamls.has(service, "ports")) {
				published.put(name, Yamls.strings(service, "ports"));
			}
		});
		assertThat(published).as("services that publish ports")
			.containsKeys("backend-1", "backend-2", "backend-3", "ui-1", "ui-2", "prometheus", "grafana");
		published.forEach((name, ports) -> assertThat(ports).as(name).allSatisfy((port) -> {
			String[] parts = interpolateWithNoVariables(port).split(":");
			assertThat(parts).as(name + " " + port + ": HOST:HOST_PORT:CONTAINER_PORT, or it is on every interface")
				.hasSize(3);
			assertThat(parts[0]).as(name + " " + port).isEqualTo(LOOPBACK);
		}));
	}

	@Test
	void onlyTheUiReplicasFollowTheSwitchAndTheChaosAndActuatorPortNeverDoes() {
		Yamls.map(COMPOSE, "services").forEach((name, service) -> {
			if (!Yamls.has(service, "ports")) {
				return;
			}
			for (String port : Yamls.strings(service, "ports")) {
				if (name.startsWith("ui-")) {
					assertThat(port).as(name).startsWith(UI_ADDRESS + ":");
				}
				else {
					assertThat(port).as(name + ": loopback, no variable")
						.startsWith(LOOPBACK + ":")
						.doesNotContain("$");
				}
			}
		});
		int management = ServiceEndpoints.of("backend-service").managementPort();
		for (String name : BACKENDS) {
			assertThat(ports(name)).as(name)
				.filteredOn((port) -> port.endsWith(":" + management))
				.singleElement()
				.asString()
				.startsWith(LOOPBACK + ":")
				.doesNotContain("$");
		}
	}

	@Test
	void oneSpeakerTokenGuardsTheChaosApiAndTheDashboardAndTheUiKnowsWhereItIsPublished() {
		String token = "${" + SPEAKER_TOKEN + ":-}";
		ServiceEndpoints backendService = ServiceEndpoints.of("backend-service");
		for (String name : BACKENDS) {
			assertThat(Yamls.map(service(name), "environment")).as(name)
				.containsEntry(envOf("faultline.chaos.token"), token);
		}
		assertThat(backendService.properties()).containsKey("faultline.chaos.token");
		ServiceEndpoints ui = ServiceEndpoints.of("ui-service");
		for (String name : UIS) {
			Map<String, Object> environment = Yamls.map(service(name), "environment");
			assertThat(environment).as(name)
				.containsEntry(envOf("faultline.backend.chaos-token"), token)
				.containsEntry(envOf("faultline.dashboard.speaker-token"), token)
				.containsEntry(envOf("faultline.dashboard.public-address"), UI_ADDRESS)
				.containsEntry(envOf("faultline.backend.management-urls"),
						BACKENDS.stream()
							.map((backend) -> "http://" + backend + ":" + backendService.managementPort())
							.collect(Collectors.joining(",")))
				.containsEntry(envOf("faultline.backend.management-url"),
						"http://" + BACKENDS.get(0) + ":" + backendService.managementPort());
			assertThat(ui.properties()).containsKeys("faultline.backend.chaos-token",
					"faultline.dashboard.speaker-token", "faultline.dashboard.public-address",
					"faultline.backend.management-url", "faultline.backend.management-urls");
		}
	}

	@Test
	void healthChecksCallTheReadinessGroupOnTheManagementPortWithTheBundledJavaCheck() {
		for (String name : appServices()) {
			ServiceEndpoints endpoints = endpointsOf(name);
			List<String> test = Yamls.strings(service(name), "healthcheck", "test");
			assertThat(test.subList(0, test.size() - 1)).as(name)
				.containsExactly("CMD", "java", "-cp", "/opt/healthcheck", "HealthCheck");
			URI uri = URI.create(test.get(test.size() - 1));
			assertThat(uri.getHost()).isEqualTo("localhost");
			assertThat(uri.getPort()).as(name + " health check port").isEqualTo(endpoints.managementPort());
			assertThat(uri.getPath()).as(name + " health check path").isEqualTo(endpoints.readinessPath());
			assertThat(endpoints.probesEnabled())
				.as(endpoints.module()
						+ " needs management.endpoint.health.probes.enabled=true for its readiness group")
				.isTrue();
		}
	}

	@Test
	void appServicesRestartThemselvesAndUiReplicasDoNotWaitForAnyBackend() {
		List<String> all = new ArrayList<>(appServices());
		all.addAll(List.of("redis", "postgres"));
		for (String name : all) {
			assertThat(Yamls.string(service(name), "restart")).as(name).isEqualTo("unless-stopped");
		}
		for (String name : BACKENDS) {
			// Started, not healthy: a backend that comes up first exits and is restarted
			// until the database answers (and healthchecks do not run under every
			// engine).
			assertThat(dependencies(name)).as(name).containsEntry("postgres", Map.of("condition", "service_started"));
		}
		for (String name : UIS) {
			assertThat(dependencies(name)).as(name + " depends_on").doesNotContainKeys(BACKENDS.toArray(String[]::new));
		}
	}

	@Test
	void uiReplicasSpreadTheirReadsOverEveryBackendServiceOnItsApiPort() {
		int apiPort = ServiceEndpoints.of("backend-service").serverPort();
		String replicas = servicesRunning("backend-service").stream()
			.map((backend) -> "http://" + backend + ":" + apiPort)
			.collect(Collectors.joining(","));
		for (String name : UIS) {
			assertThat(Yamls.map(service(name), "environment")).as(name)
				.containsEntry(envOf("faultline.backend.replicas"), replicas)
				.as(name + ": the replica list is what the UI calls; a base URL beside it would be ignored")
				.doesNotContainKey(envOf("faultline.backend.base-url"));
		}
		assertThat(ServiceEndpoints.of("ui-service").properties()).containsKey("faultline.backend.replicas");
	}

	@Test
	void theBackendsPoolsTogetherFitWithinPostgresConnections() {
		String poolSize = ServiceEndpoints.of("backend-service")
			.properties()
			.getOrDefault("spring.datasource.hikari.maximum-pool-size", String.valueOf(HIKARI_DEFAULT_POOL_SIZE));
		String command = Yamls.has(service("postgres"), "command") ? commandOf(service("postgres")) : "";
		Matcher setting = Pattern.compile("max_connections=(\\d+)").matcher(command);
		int maxConnections = setting.find() ? Integer.parseInt(setting.group(1)) : POSTGRES_DEFAULT_MAX_CONNECTIONS;
		assertThat(BACKENDS.size() * Integer.parseInt(poolSize))
			.as("%d backends' pools of %s, against PostgreSQL's max_connections %d", BACKENDS.size(), poolSize,
					maxConnections)
			.isLessThanOrEqualTo(maxConnections - POSTGRES_RESERVED_CONNECTIONS);
	}

	@Test
	void everyServiceOfTheDemoHasAMemoryLimitAndTogetherTheyFitALaptop() {
		long total = 0;
		for (Map.Entry<String, Object> entry : Yamls.map(COMPOSE, "services").entrySet()) {
			if (Yamls.has(entry.getValue(), "profiles")) {
				continue;
			}
			assertThat(Yamls.has(entry.getValue(), "mem_limit")).as(entry.getKey() + " mem_limit").isTrue();
			total += bytes(Yamls.string(entry.getValue(), "mem_limit"));
		}
		assertThat(total).as("the demo's memory limits together, in bytes").isLessThanOrEqualTo(STACK_MEMORY_BUDGET);
		for (String name : BACKENDS) {
			assertThat(bytes(Yamls.string(service(name), "mem_limit"))).as(name)
				.isGreaterThanOrEqualTo(bytes(Yamls.string(service(UIS.get(0)), "mem_limit")));
		}
	}

	@Test
	void redisIsPinnedKeepsAnAppendOnlyFileInANamedVolumeAndIsHealthChecked() {
		Map<String, Object> redis = service("redis");
		assertThat(Yamls.string(redis, "image")).as("redis image tag").matches("redis:\\d+\\.\\d+(\\.\\d+)?");
		assertThat(commandOf(redis)).as("redis command").startsWith("redis-server").contains("--appendonly yes");
		assertThat(Yamls.strings(redis, "volumes")).containsExactly("redis-data:/data");
		assertThat(Yamls.map(COMPOSE, "volumes")).containsKey("redis-data");
		assertThat(Yamls.strings(redis, "healthcheck", "test")).containsExactly("CMD", "redis-cli", "ping");
		assertThat(redis).as("only the UI replicas talk to Redis").doesNotContainKey("ports");
		assertThat(redis).as("the demo itself starts Redis").doesNotContainKey("profiles");
	}

	@Test
	void bothUiReplicasShareRedisUnderTheirOwnIdButDoNotNeedItToStart() {
		List<String> replicaIds = new ArrayList<>();
		for (String name : List.of("ui-1", "ui-2")) {
			Map<String, Object> environment = Yamls.map(service(name), "environment");
			assertThat(environment).as(name)
				.containsEntry("FAULTLINE_SHARED_ENABLED", "true")
				.containsEntry("SPRING_DATA_REDIS_HOST", "redis")
				.containsEntry("SPRING_DATA_REDIS_PORT", String.valueOf(REDIS_PORT))
				.containsEntry("FAULTLINE_SHARED_REPLICA_ID", name);
			replicaIds.add(String.valueOf(environment.get("FAULTLINE_SHARED_REPLICA_ID")));
			Map<String, Object> dependencies = dependencies(name);
			assertThat(dependencies).as(name + " starts after Redis").containsKey("redis");
			// Compose would never start a UI whose Redis is unhealthy (or, under podman
			// here, at all).
			assertThat(dependencies.get("redis")).as(name + " must start and serve without Redis")
				.satisfiesAnyOf((options) -> assertThat(options).isNull(),
						(options) -> assertThat(Yamls.string(options, "condition")).isEqualTo("service_started"),
						(options) -> assertThat(Yamls.string(options, "required")).isEqualTo("false"));
		}
		assertThat(replicaIds).doesNotHaveDuplicates();
		assertThat(commandOf(service("redis"))).as("Redis on its default port").doesNotContain("--port");
	}

	@Test
	void backendKeepsMessagesInPostgresWhoseFilesAreInANamedVolumeAndMayReallyCrash() {
		Map<String, Object> postgres = Yamls.map(service("postgres"), "environment");
		for (String name : BACKENDS) {
			Map<String, Object> environment = Yamls.map(service(name), "environment");
			assertThat(environment).as(name)
				.containsEntry("FAULTLINE_DB_URL", "jdbc:postgresql://postgres:5432/faultline")
				.containsEntry("FAULTLINE_CHAOS_ALLOW_CRASH", "true");
			assertThat(postgres).containsEntry("POSTGRES_DB", "faultline")
				.containsEntry("POSTGRES_USER", environment.get("FAULTLINE_DB_USER"))
				.containsEntry("POSTGRES_PASSWORD", environment.get("FAULTLINE_DB_PASSWORD"));
			assertThat(String.valueOf(environment.get("FAULTLINE_DB_PASSWORD"))).as(name + ": from the environment")
				.startsWith("${FAULTLINE_DB_PASSWORD");
		}
		assertThat(Yamls.strings(service("postgres"), "volumes"))
			.containsExactly("postgres-data:/var/lib/postgresql/data");
		assertThat(Yamls.map(COMPOSE, "volumes")).containsKey("postgres-data").doesNotContainKey("messages");
		assertThat(Yamls.string(service("postgres"), "image")).as("pinned").matches("postgres:\\d+(\\.\\d+)?");
		assertThat(service("postgres")).as("no host port: only the backend talks to it").doesNotContainKey("ports");
	}

	@Test
	void everyBuiltServiceUsesTheSharedDockerfileWithItsModule() {
		for (String name : appServices()) {
			String module = endpointsOf(name).module();
			assertThat(Yamls.string(service(name), "build", "context")).isEqualTo(".");
			assertThat(Yamls.string(service(name), "image")).isEqualTo("faultline/" + module + ":0.1.0");
		}
	}

	@Test
	void observabilityIsOptInWithPinnedImages() {
		for (String name : List.of("prometheus", "grafana")) {
			assertThat(Yamls.strings(service(name), "profiles")).containsExactly("observability");
			assertThat(Yamls.string(service(name), "image")).as(name + " image tag").matches(".+:v?\\d+\\.\\d+\\.\\d+");
		}
		List<String> appProfiles = Yamls.map(COMPOSE, "services")
			.entrySet()
			.stream()
			.filter((entry) -> Yamls.has(entry.getValue(), "build"))
			.filter((entry) -> Yamls.has(entry.getValue(), "profiles"))
			.map(Map.Entry::getKey)
			.collect(Collectors.toList());
		assertThat(appProfiles).as("the demo itself starts without a profile").isEmpty();
	}

	static Map<String, Object> service(String name) {
		return Yamls.map(COMPOSE, "services", name);
	}

	static ServiceEndpoints endpointsOf(String composeService) {
		return ServiceEndpoints.of(Yamls.string(service(composeService), "build", "args", "SERVICE"));
	}

	/** The compose services that run a module's image, in the order of the file. */
	private static List<String> servicesRunning(String module) {
		return Yamls.map(COMPOSE, "services")
			.entrySet()
			.stream()
			.filter((entry) -> Yamls.has(entry.getValue(), "build", "args", "SERVICE"))
			.filter((entry) -> module.equals(Yamls.string(entry.getValue(), "build", "args", "SERVICE")))
			.map(Map.Entry::getKey)
			.collect(Collectors.toList());
	}

	/** Every replica of our own services: the backends, then the UIs. */
	private static List<String> appServices() {
		List<String> names = new ArrayList<>(BACKENDS);
		names.addAll(UIS);
		return names;
	}

	/** A compose memory size such as {@code 512m} in bytes. */
	private static long bytes(String size) {
		Matcher value = Pattern.compile("(\\d+)([bkmg]?)").matcher(size.toLowerCase(Locale.ROOT));
		assertThat(value.matches()).as("memory size " + size).isTrue();
		long unit = switch (value.group(2)) {
			case "k" -> 1024L;
			case "m" -> 1024L * 1024;
			case "g" -> 1024L * 1024 * 1024;
			default -> 1L;
		};
		return Long.parseLong(value.group(1)) * unit;
	}

	private static List<String> ports(String name) {
		return Yamls.strings(service(name), "ports");
	}

	/**
	 * A service's {@code depends_on} in its long form: short-form entries map to
	 * {@code null} options.
	 */
	private static Map<String, Object> dependencies(String name) {
		Map<String, Object> dependencies = new LinkedHashMap<>();
		Object declared = service(name).get("depends_on");
		if (declared instanceof List<?> list) {
			list.forEach((dependency) -> dependencies.put(String.valueOf(dependency), null));
		}
		else if (declared instanceof Map<?, ?> map) {
			map.forEach((dependency, options) -> dependencies.put(String.valueOf(dependency), options));
		}
		return dependencies;
	}

	/**
	 * A value as compose reads it with no variable set: each takes its default, or is
	 * empty.
	 */
	private static String interpolateWithNoVariables(String value) {
		Matcher variable = VARIABLE.matcher(value);
		StringBuilder result = new StringBuilder();
		while (variable.find()) {
			String fallback = (variable.group(2) != null) ? variable.group(2) : "";
			variable.appendReplacement(result, Matcher.quoteReplacement(fallback));
		}
		return variable.appendTail(result).toString();
	}

	/**
	 * The environment variable Spring Boot binds to a property:
	 * {@code faultline.chaos.token} is {@code FAULTLINE_CHAOS_TOKEN}.
	 */
	private static String envOf(String property) {
		return property.replace('.', '_').replace("-", "_").toUpperCase(Locale.ROOT);
	}

	/** A service's command as one line, whether written as a string or a list. */
	private static String commandOf(Map<String, Object> service) {
		Object command = Yamls.at(service, "command");
		return (command instanceof List<?> list) ? list.stream().map(String::valueOf).collect(Collectors.joining(" "))
				: String.valueOf(command);
	}

}
