package dev.faultline.deployment;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code observability/prometheus.yml} scrapes every compose service that runs our code,
 * every 2 s, on the port and path where that service exposes its Prometheus endpoint.
 * ({@code promtool check config} checks the syntax; it runs in
 * {@code scripts/check-config.sh}.)
 */
class PrometheusConfigTests {

	private static final Map<String, Object> PROMETHEUS = Repository.yaml("observability/prometheus.yml");

	@Test
	void scrapesEveryTwoSecondsSoTheDashboardFollowsTheDemo() {
		assertThat(Yamls.string(PROMETHEUS, "global", "scrape_interval")).isEqualTo("2s");
		assertThat(Yamls.maps(PROMETHEUS, "scrape_configs"))
			.allSatisfy((job) -> assertThat(job).doesNotContainKey("scrape_interval"));
	}

	@Test
	void scrapesEveryReplicaOnItsManagementPortAndPrometheusPath() {
		Map<String, Object> services = Yamls.map(Repository.yaml("docker-compose.yml"), "services");
		Map<String, List<String>> composeServicesByModule = services.entrySet()
			.stream()
			.filter((entry) -> Yamls.has(entry.getValue(), "build"))
			.collect(Collectors.groupingBy((entry) -> Yamls.string(entry.getValue(), "build", "args", "SERVICE"),
					Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
		assertThat(Yamls.maps(PROMETHEUS, "scrape_configs")).extracting((job) -> Yamls.string(job, "job_name"))
			.containsExactlyInAnyOrderElementsOf(composeServicesByModule.keySet());
		for (Map<String, Object> job : Yamls.maps(PROMETHEUS, "scrape_configs")) {
			ServiceEndpoints endpoints = ServiceEndpoints.of(Yamls.string(job, "job_name"));
			assertThat(Yamls.string(job, "metrics_path")).isEqualTo(endpoints.prometheusPath());
			List<String> targets = Yamls.maps(job, "static_configs")
				.stream()
				.flatMap((config) -> Yamls.strings(config, "targets").stream())
				.collect(Collectors.toList());
			assertThat(targets).containsExactlyInAnyOrderElementsOf(composeServicesByModule.get(endpoints.module())
				.stream()
				.map((service) -> service + ":" + endpoints.managementPort())
				.collect(Collectors.toList()));
		}
	}

	@Test
	void everyScrapedServiceExposesItsPrometheusEndpoint() {
		for (String module : ServiceEndpoints.MODULES) {
			assertThat(ServiceEndpoints.of(module).exposedEndpoints())
				.as(module + " management.endpoints.web.exposure.include")
				.contains("prometheus");
			assertThat(Repository.read(module + "/pom.xml")).as(module + " needs the Prometheus registry")
				.contains("<artifactId>micrometer-registry-prometheus</artifactId>");
		}
	}

}
