package dev.faultline.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in {@code deploy/k8s}: every probe hits an actuator health group on the
 * port the service really serves it on, Services route to declared ports, the replica
 * counts and storage match the design, the backend's pods have names the UI lists as its
 * replicas, the UI replicas share one Redis, nothing is published beyond the cluster, and
 * the chaos controls want a token from a Secret.
 */
class KubernetesManifestsTests {

	private static final String DIR = "deploy/k8s";

	/** Redis's default port, which the manifests leave as it is. */
	private static final int REDIS_PORT = 6379;

	@Test
	void kustomizationListsEveryManifestInTheFolder() throws IOException {
		Map<String, Object> kustomization = Repository.yaml(DIR + "/kustomization.yaml");
		try (Stream<Path> files = Files.list(Repository.file(DIR))) {
			Set<String> manifests = files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
				.collect(Collectors.toSet());
			assertThat(Yamls.strings(kustomization, "resources")).containsExactlyInAnyOrderElementsOf(manifests);
		}
	}

	@Test
	void everyProbeCallsAHealthGroupOnThePortTheServiceServesItOn() {
		List<String> checked = new ArrayList<>();
		for (Map<String, Object> workload : workloads()) {
			for (Map<String, Object> container : ourContainers(workload)) {
				ServiceEndpoints service = ServiceEndpoints.ofImage(Yamls.string(container, "image"));
				Map<String, Integer> ports = containerPorts(container);
				Map<String, String> expectedPaths = Map.of("startupProbe", service.livenessPath(), "livenessProbe",
						service.livenessPath(), "readinessProbe", service.readinessPath());
				assertThat(container).as(service.module() + " probes").containsKeys("livenessProbe", "readinessProbe");
				expectedPaths.forEach((probe, path) -> {
					if (container.containsKey(probe)) {
						Map<String, Object> httpGet = Yamls.map(container, probe, "httpGet");
						String port = Yamls.string(httpGet, "port");
						assertThat(Yamls.string(httpGet, "path")).as(service.module() + " " + probe + " path")
							.isEqualTo(path);
						assertThat(ports.getOrDefault(port, parsePort(port)))
							.as(service.module() + " " + probe + " port")
							.isEqualTo(service.managementPort());
						checked.add(service.module() + " " + probe);
					}
				});
			}
		}
		assertThat(checked).contains("backend-service readinessProbe", "ui-service readinessProbe");
	}

	@Test
	void containersDeclareExactlyThePortsTheServiceListensOn() {
		for (Map<String, Object> workload : workloads()) {
			for (Map<String, Object> container : ourContainers(workload)) {
				ServiceEndpoints service = ServiceEndpoints.ofImage(Yamls.string(container, "image"));
				assertThat(Set.copyOf(containerPorts(container).values())).as(service.module() + " container ports")
					.isEqualTo(Stream.of(service.serverPort(), service.managementPort()).collect(Collectors.toSet()));
			}
		}
	}

	@Test
	void servicesRouteToPortsTheirPodsDeclare() {
		List<Map<String, Object>> workloads = workloads();
		assertThat(resources("Service")).hasSameSizeAs(workloads).allSatisfy((service) -> {
			Map<String, Object> selector = Yamls.map(service, "spec", "selector");
			Map<String, Object> workload = workloads.stream()
				.filter((candidate) -> Yamls.map(candidate, "spec", "template", "metadata", "labels")
					.entrySet()
					.containsAll(selector.entrySet()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no workload's pods match Service selector " + selector));
			Map<String, Integer> ports = containerPorts(containers(workload).get(0));
			for (Map<String, Object> port : Yamls.maps(service, "spec", "ports")) {
				String target = Yamls.string(port, "targetPort");
				assertThat(ports.containsKey(target) || ports.containsValue(parsePort(target)))
					.as("Service " + Yamls.string(service, "metadata", "name") + " targetPort " + target + " in "
							+ ports)
					.isTrue();
				assertThat(Yamls.integer(port, "port")).isEqualTo(ports.getOrDefault(target, parsePort(target)));
			}
		});
	}

	@Test
	void theBackendKeepsNoFilesAndReadsItsDatabaseFromTheSharedPostgres() {
		Map<String, Object> backend = workloadOf("backend-service");
		assertThat(Yamls.has(backend, "spec", "template", "spec", "volumes")).as("no volume of its own").isFalse();
		assertThat(Yamls.has(backend, "spec", "volumeClaimTemplates")).as("no claim of its own").isFalse();
		Map<String, Object> container = containers(backend).get(0);
		assertThat(env(container)).containsEntry("FAULTLINE_DB_URL",
				"jdbc:postgresql://" + Yamls.string(serviceOf(postgresDeployment()), "metadata", "name") + ":5432/"
						+ env(containers(postgresDeployment()).get(0)).get("POSTGRES_DB"));
		assertThat(secretRef(container, "FAULTLINE_DB_PASSWORD"))
			.isEqualTo(secretRef(containers(postgresDeployment()).get(0), "POSTGRES_PASSWORD"));
	}

	@Test
	void onePostgresKeepsItsFilesOnItsOwnVolumeAndIsReadyOnlyWhenItAcceptsConnections() {
		Map<String, Object> postgres = postgresDeployment();
		assertThat(Yamls.integer(postgres, "spec", "replicas")).isEqualTo(1);
		assertThat(Yamls.string(postgres, "spec", "strategy", "type")).as("RWO volume, one server per data directory")
			.isEqualTo("Recreate");
		Map<String, Object> container = containers(postgres).get(0);
		assertThat(env(container).get("PGDATA")).as("below the mount point (lost+found)")
			.startsWith("/var/lib/postgresql/data/");
		assertThat(resources("PersistentVolumeClaim")).extracting((pvc) -> Yamls.string(pvc, "metadata", "name"))
			.contains(claimOf(postgres));
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(String.join(" ", Yamls.strings(container, probe, "exec", "command"))).as("postgres " + probe)
				.startsWith("pg_isready");
			assertThat(Yamls.integer(container, probe, "timeoutSeconds")).as("a hanging server fails " + probe)
				.isPositive();
		}
		assertThat(Yamls.string(serviceOf(postgres), "spec", "type")).isEqualTo("ClusterIP");
	}

	@Test
	void threeUiReplicasShareTheLoad() {
		assertThat(Yamls.integer(workloadOf("ui-service"), "spec", "replicas")).isEqualTo(3);
	}

	@Test
	void threeBackendPodsHaveStableNamesThroughAHeadlessServiceThatKeepsThemWhileNotReady() {
		Map<String, Object> backend = workloadOf("backend-service");
		assertThat(Yamls.string(backend, "kind")).as("stable pod names: backend-0, backend-1, ...")
			.isEqualTo("StatefulSet");
		assertThat(Yamls.integer(backend, "spec", "replicas")).isEqualTo(3);
		assertThat(Yamls.string(backend, "spec", "podManagementPolicy")).as("no start order among equals")
			.isEqualTo("Parallel");
		Map<String, Object> service = serviceOf(backend);
		assertThat(Yamls.string(backend, "spec", "serviceName")).isEqualTo(Yamls.string(service, "metadata", "name"));
		assertThat(Yamls.string(service, "spec", "clusterIP")).as("headless: a DNS name per pod").isEqualTo("None");
		assertThat(Yamls.map(service, "spec")).as("the chaos API that made a pod unready can still heal it")
			.containsEntry("publishNotReadyAddresses", true);
	}

	@Test
	void theUiListsEveryBackendPodByItsOwnNameAsAReplicaAndAsAChaosTarget() {
		Map<String, Object> backend = workloadOf("backend-service");
		String service = Yamls.string(backend, "spec", "serviceName");
		ServiceEndpoints endpoints = ServiceEndpoints.of("backend-service");
		List<String> pods = IntStream.range(0, Yamls.integer(backend, "spec", "replicas"))
			.mapToObj((ordinal) -> Yamls.string(backend, "metadata", "name") + "-" + ordinal + "." + service)
			.toList();
		Map<String, String> ui = env(containers(workloadOf("ui-service")).get(0));
		assertThat(ui).as("every pod, in order")
			.containsEntry("FAULTLINE_BACKEND_REPLICAS",
					pods.stream()
						.map((pod) -> "http://" + pod + ":" + endpoints.serverPort())
						.collect(Collectors.joining(",")))
			.containsEntry("FAULTLINE_BACKEND_MANAGEMENT_URLS",
					pods.stream()
						.map((pod) -> "http://" + pod + ":" + endpoints.managementPort())
						.collect(Collectors.joining(",")))
			.containsEntry("FAULTLINE_BACKEND_MANAGEMENT_URL",
					"http://" + pods.get(0) + ":" + endpoints.managementPort())
			.as("the replica list is what the UI calls; a base URL beside it would be ignored")
			.doesNotContainKey("FAULTLINE_BACKEND_BASE_URL");
		assertThat(ServiceEndpoints.of("ui-service").properties()).containsKeys("faultline.backend.replicas",
				"faultline.backend.management-url", "faultline.backend.management-urls");
	}

	@Test
	void oneRedisKeepsItsAppendOnlyFileOnItsOwnVolumeAndIsReadyOnlyWhenItAnswersPong() {
		Map<String, Object> redis = redisDeployment();
		assertThat(Yamls.integer(redis, "spec", "replicas")).isEqualTo(1);
		assertThat(Yamls.string(redis, "spec", "strategy", "type")).as("RWO volume, one writer of the AOF")
			.isEqualTo("Recreate");
		Map<String, Object> container = containers(redis).get(0);
		assertThat(String.join(" ", Yamls.strings(container, "args"))).startsWith("redis-server")
			.contains("--appendonly yes")
			.doesNotContain("--port");
		assertThat(containerPorts(container)).containsExactly(Map.entry("redis", REDIS_PORT));
		String dataVolume = Yamls.maps(container, "volumeMounts")
			.stream()
			.filter((mount) -> "/data".equals(mount.get("mountPath")))
			.map((mount) -> Yamls.string(mount, "name"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("redis has no volume on /data"));
		String claim = Yamls.maps(redis, "spec", "template", "spec", "volumes")
			.stream()
			.filter((volume) -> dataVolume.equals(volume.get("name")))
			.map((volume) -> Yamls.string(volume, "persistentVolumeClaim", "claimName"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("redis volume " + dataVolume + " is not a claim"));
		assertThat(claim).as("not the database's claim").isNotEqualTo(claimOf(postgresDeployment()));
		assertThat(resources("PersistentVolumeClaim")).extracting((pvc) -> Yamls.string(pvc, "metadata", "name"))
			.contains(claim);
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(String.join(" ", Yamls.strings(container, probe, "exec", "command"))).as("redis " + probe)
				.contains("redis-cli ping");
			assertThat(Yamls.integer(container, probe, "timeoutSeconds")).as("a hanging Redis fails " + probe)
				.isPositive();
		}
		assertThat(String.join(" ", Yamls.strings(container, "readinessProbe", "exec", "command")))
			.as("LOADING is not ready")
			.contains("grep -q PONG");
	}

	@Test
	void uiReplicasShareRedisUnderTheirPodNames() {
		Map<String, Object> service = serviceOf(redisDeployment());
		Map<String, Object> uiDeployment = workloadOf("ui-service");
		Map<String, Object> ui = containers(uiDeployment).get(0);
		assertThat(env(ui)).containsEntry("FAULTLINE_SHARED_ENABLED", "true")
			.containsEntry("SPRING_DATA_REDIS_HOST", Yamls.string(service, "metadata", "name"))
			.containsEntry("SPRING_DATA_REDIS_PORT", Yamls.string(Yamls.maps(service, "spec", "ports").get(0), "port"));
		Map<String, Object> replicaId = Yamls.maps(ui, "env")
			.stream()
			.filter((variable) -> "FAULTLINE_SHARED_REPLICA_ID".equals(variable.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("ui has no FAULTLINE_SHARED_REPLICA_ID"));
		assertThat(Yamls.string(replicaId, "valueFrom", "fieldRef", "fieldPath")).as("unique per pod")
			.isEqualTo("metadata.name");
		assertThat(Yamls.map(uiDeployment, "spec", "template", "spec")).as("the UI must not wait for Redis")
			.doesNotContainKey("initContainers");
	}

	@Test
	void nothingIsPublishedBeyondTheClusterNeitherByAServiceNorThroughTheNodesNetwork() throws IOException {
		assertThat(resources("Service")).isNotEmpty().allSatisfy((service) -> {
			String name = Yamls.string(service, "metadata", "name");
			assertThat(Yamls.string(service, "spec", "type")).as("Service " + name).isEqualTo("ClusterIP");
			assertThat(Yamls.map(service, "spec")).as("Service " + name)
				.doesNotContainKeys("externalIPs", "loadBalancerIP", "externalName");
		});
		Set<String> kinds = new TreeSet<>();
		for (String file : Yamls.strings(Repository.yaml(DIR + "/kustomization.yaml"), "resources")) {
			Repository.yamlDocuments(DIR + "/" + file).forEach((resource) -> kinds.add(Yamls.string(resource, "kind")));
		}
		assertThat(kinds).as("nothing that routes traffic from outside the cluster")
			.doesNotContain("Ingress", "Gateway", "HTTPRoute", "Route", "IngressRoute");
		for (Map<String, Object> workload : workloads()) {
			Map<String, Object> pod = Yamls.map(workload, "spec", "template", "spec");
			assertThat(pod).as("pods never share the node's network").doesNotContainEntry("hostNetwork", true);
			for (Map<String, Object> container : containers(workload)) {
				assertThat(Yamls.maps(container, "ports")).as("no port opened on the node")
					.allSatisfy((port) -> assertThat(port).doesNotContainKey("hostPort"));
			}
		}
	}

	@Test
	void theChaosApiAndTheDashboardsControlsWantOneTokenFromASecretThePodsCannotStartWithout() {
		Map<String, Object> backend = containers(workloadOf("backend-service")).get(0);
		Map<String, Object> chaosToken = secretRef(backend, "FAULTLINE_CHAOS_TOKEN");
		assertThat(ServiceEndpoints.of("backend-service").properties()).containsKey("faultline.chaos.token");
		Map<String, Object> ui = containers(workloadOf("ui-service")).get(0);
		for (String variable : List.of("FAULTLINE_BACKEND_CHAOS_TOKEN", "FAULTLINE_DASHBOARD_SPEAKER_TOKEN")) {
			assertThat(secretRef(ui, variable)).as(variable).isEqualTo(chaosToken);
		}
		assertThat(ServiceEndpoints.of("ui-service").properties()).containsKeys("faultline.backend.chaos-token",
				"faultline.dashboard.speaker-token");
		assertThat(resources("Secret")).as("the token is created by hand, never committed").isEmpty();
	}

	@Test
	void everyContainerRunsAsNonRootWithRequestsAndAMemoryLimit() {
		for (Map<String, Object> workload : workloads()) {
			assertThat(Yamls.map(workload, "spec", "template", "spec", "securityContext")).containsEntry("runAsNonRoot",
					true);
			for (Map<String, Object> container : containers(workload)) {
				assertThat(Yamls.map(container, "resources", "requests")).containsKeys("cpu", "memory");
				assertThat(Yamls.map(container, "resources", "limits")).containsKey("memory");
			}
		}
	}

	@Test
	void imagesAreTheOnesDockerComposeBuildsOrPulls() {
		// Every image of the demo itself: what compose builds, and Redis; not the
		// observability profile.
		Set<String> composeImages = Yamls.map(Repository.yaml("docker-compose.yml"), "services")
			.values()
			.stream()
			.filter((service) -> !Yamls.has(service, "profiles"))
			.map((service) -> Yamls.string(service, "image"))
			.collect(Collectors.toSet());
		Set<String> manifestImages = workloads().stream()
			.flatMap((workload) -> containers(workload).stream())
			.map((container) -> Yamls.string(container, "image"))
			.collect(Collectors.toSet());
		assertThat(manifestImages).isEqualTo(composeImages);
	}

	private static List<Map<String, Object>> resources(String kind) {
		List<Map<String, Object>> found = new ArrayList<>();
		for (String file : Yamls.strings(Repository.yaml(DIR + "/kustomization.yaml"), "resources")) {
			Repository.yamlDocuments(DIR + "/" + file)
				.stream()
				.filter((resource) -> kind.equals(resource.get("kind")))
				.forEach(found::add);
		}
		return found;
	}

	/** Every Deployment and StatefulSet: what runs pods. */
	private static List<Map<String, Object>> workloads() {
		List<Map<String, Object>> workloads = new ArrayList<>(resources("Deployment"));
		workloads.addAll(resources("StatefulSet"));
		return workloads;
	}

	private static Map<String, Object> workloadOf(String module) {
		return workloads().stream()
			.filter((workload) -> ourContainers(workload).stream()
				.anyMatch((container) -> ServiceEndpoints.ofImage(Yamls.string(container, "image"))
					.module()
					.equals(module)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no Deployment or StatefulSet runs " + module));
	}

	private static Map<String, Object> redisDeployment() {
		List<Map<String, Object>> found = resources("Deployment").stream()
			.filter((deployment) -> containers(deployment).stream()
				.anyMatch((container) -> Yamls.string(container, "image").startsWith("redis:")))
			.toList();
		assertThat(found).as("Deployments running redis").hasSize(1);
		return found.get(0);
	}

	private static Map<String, Object> postgresDeployment() {
		List<Map<String, Object>> found = resources("Deployment").stream()
			.filter((deployment) -> containers(deployment).stream()
				.anyMatch((container) -> Yamls.string(container, "image").startsWith("postgres:")))
			.toList();
		assertThat(found).as("Deployments running postgres").hasSize(1);
		return found.get(0);
	}

	private static Map<String, Object> serviceOf(Map<String, Object> deployment) {
		Map<String, Object> labels = Yamls.map(deployment, "spec", "template", "metadata", "labels");
		return resources("Service").stream()
			.filter((service) -> labels.entrySet().containsAll(Yamls.map(service, "spec", "selector").entrySet()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no Service selects " + labels));
	}

	private static String claimOf(Map<String, Object> deployment) {
		return Yamls.maps(deployment, "spec", "template", "spec", "volumes")
			.stream()
			.filter((volume) -> Yamls.has(volume, "persistentVolumeClaim"))
			.map((volume) -> Yamls.string(volume, "persistentVolumeClaim", "claimName"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no persistentVolumeClaim volume"));
	}

	private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
		return Yamls.maps(deployment, "spec", "template", "spec", "containers");
	}

	/**
	 * The containers that run our images, whose ports and probes application.yml sets.
	 */
	private static List<Map<String, Object>> ourContainers(Map<String, Object> deployment) {
		return containers(deployment).stream()
			.filter((container) -> Yamls.string(container, "image").startsWith("faultline/"))
			.toList();
	}

	private static Map<String, Integer> containerPorts(Map<String, Object> container) {
		return Yamls.maps(container, "ports")
			.stream()
			.collect(Collectors.toMap((port) -> String.valueOf(port.getOrDefault("name", port.get("containerPort"))),
					(port) -> Yamls.integer(port, "containerPort")));
	}

	/**
	 * The plain-valued environment variables; those from {@code valueFrom} are left out.
	 */
	private static Map<String, String> env(Map<String, Object> container) {
		return Yamls.maps(container, "env")
			.stream()
			.filter((variable) -> variable.containsKey("value"))
			.collect(Collectors.toMap((variable) -> Yamls.string(variable, "name"),
					(variable) -> Yamls.string(variable, "value")));
	}

	/**
	 * The Secret key an environment variable comes from, as {@code name} and {@code key};
	 * fails unless it is a required {@code secretKeyRef}.
	 */
	private static Map<String, Object> secretRef(Map<String, Object> container, String variable) {
		Map<String, Object> declared = Yamls.maps(container, "env")
			.stream()
			.filter((candidate) -> variable.equals(candidate.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError(Yamls.string(container, "name") + " has no " + variable));
		Map<String, Object> reference = Yamls.map(declared, "valueFrom", "secretKeyRef");
		assertThat(reference).as(variable + " must not start without its Secret")
			.doesNotContainEntry("optional", true)
			.containsKeys("name", "key");
		return Map.of("name", reference.get("name"), "key", reference.get("key"));
	}

	private static int parsePort(String port) {
		return port.chars().allMatch(Character::isDigit) ? Integer.parseInt(port) : -1;
	}

}
