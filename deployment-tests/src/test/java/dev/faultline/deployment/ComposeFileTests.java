package dev.faultline.deployment;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml}: the demo's ports, health checks that call the services'
 * readiness groups with nothing but the JRE, restarts for auto-healing, persistent
 * messages, and an opt-in observability profile.
 */
class ComposeFileTests {

	private static final Map<String, Object> COMPOSE = Repository.yaml("docker-compose.yml");

	@Test
	void publishesTheApiAndControlPortsAndOneHostPortPerUiReplica() {
		ServiceEndpoints backend = endpointsOf("backend");
		assertThat(ports("backend")).containsExactlyInAnyOrder(backend.serverPort() + ":" + backend.serverPort(),
				backend.managementPort() + ":" + backend.managementPort());
		int uiPort = ServiceEndpoints.of("ui-service").serverPort();
		assertThat(ports("ui-1")).containsExactly("8080:" + uiPort);
		assertThat(ports("ui-2")).containsExactly("8082:" + uiPort);
	}

	@Test
	void healthChecksCallTheReadinessGroupOnTheManagementPortWithTheBundledJavaCheck() {
		for (String name : List.of("backend", "ui-1", "ui-2")) {
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
	void appServicesRestartThemselvesAndUiReplicasDoNotWaitForTheBackend() {
		for (String name : List.of("backend", "ui-1", "ui-2")) {
			assertThat(Yamls.string(service(name), "restart")).as(name).isEqualTo("unless-stopped");
		}
		assertThat(service("ui-1")).doesNotContainKey("depends_on");
		assertThat(service("ui-2")).doesNotContainKey("depends_on");
		assertThat(Yamls.map(service("ui-1"), "environment")).containsEntry("FAULTLINE_BACKEND_BASE_URL",
				"http://backend:" + ServiceEndpoints.of("backend-service").serverPort());
	}

	@Test
	void backendKeepsMessagesInANamedVolumeAndMayReallyCrash() {
		Map<String, Object> environment = Yamls.map(service("backend"), "environment");
		String dataDir = String.valueOf(environment.get("FAULTLINE_DATA_DIR"));
		assertThat(Yamls.strings(service("backend"), "volumes")).containsExactly("messages:" + dataDir);
		assertThat(Yamls.map(COMPOSE, "volumes")).containsKey("messages");
		assertThat(environment).containsEntry("FAULTLINE_CHAOS_ALLOW_CRASH", "true");
	}

	@Test
	void everyBuiltServiceUsesTheSharedDockerfileWithItsModule() {
		for (String name : List.of("backend", "ui-1", "ui-2")) {
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

	private static List<String> ports(String name) {
		return Yamls.strings(service(name), "ports");
	}

}
