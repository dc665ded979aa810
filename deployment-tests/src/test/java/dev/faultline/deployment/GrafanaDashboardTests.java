package dev.faultline.deployment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Faultline Grafana dashboard and its provisioning: it loads from where compose
 * mounts it, queries the provisioned Prometheus, uses only metrics the services publish,
 * tells the talk's story panel by panel, and draws the breaker thresholds the UI is
 * really configured with.
 */
class GrafanaDashboardTests {

	private static final String DASHBOARDS = "observability/grafana/dashboards";

	/**
	 * Metrics the dashboard may use: Resilience4j's Micrometer binders, Spring MVC's
	 * timer, Prometheus' own up.
	 */
	private static final Set<String> PUBLISHED_METRICS = Set.of("up", "resilience4j_circuitbreaker_state",
			"resilience4j_circuitbreaker_failure_rate", "resilience4j_circuitbreaker_slow_call_rate",
			"resilience4j_circuitbreaker_calls_seconds_count", "resilience4j_circuitbreaker_not_permitted_calls_total",
			"resilience4j_retry_calls_total", "resilience4j_bulkhead_available_concurrent_calls",
			"resilience4j_bulkhead_max_allowed_concurrent_calls", "resilience4j_timelimiter_calls_total",
			"http_server_requests_seconds_count", "http_server_requests_seconds_sum",
			"http_server_requests_seconds_max");

	private static final Pattern METRIC = Pattern
		.compile("\\b(up|resilience4j_\\w+|http_\\w+|jvm_\\w+|process_\\w+)\\b");

	private final JsonNode dashboard = readDashboard();

	@Test
	void refreshesItselfAndCannotBeEditedByAccident() {
		assertThat(this.dashboard.path("uid").asText()).isEqualTo("faultline");
		assertThat(this.dashboard.path("refresh").asText()).matches("\\d+s");
		assertThat(this.dashboard.path("editable").asBoolean(true)).isFalse();
	}

	@Test
	void everyPanelQueriesTheProvisionedPrometheus() {
		Map<String, Object> datasource = Yamls
			.maps(Repository.yaml("observability/grafana/provisioning/datasources/prometheus.yml"), "datasources")
			.get(0);
		assertThat(Yamls.string(datasource, "url")).isEqualTo("http://prometheus:9090");
		assertThat(Yamls.strings(ComposeFileTests.service("prometheus"), "ports")).contains("127.0.0.1:9090:9090");
		assertThat(queryPanels()).isNotEmpty().allSatisfy((panel) -> {
			assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(Yamls.string(datasource, "uid"));
			assertThat(panel.path("targets")).isNotEmpty()
				.allSatisfy((target) -> assertThat(target.path("expr").asText()).as(panel.path("title").asText())
					.isNotBlank());
		});
	}

	@Test
	void queriesOnlyUseMetricsTheServicesPublish() {
		Set<String> used = new TreeSet<>();
		for (JsonNode panel : queryPanels()) {
			for (JsonNode target : panel.path("targets")) {
				Matcher metric = METRIC.matcher(target.path("expr").asText());
				boolean any = false;
				while (metric.find()) {
					used.add(metric.group(1));
					any = true;
				}
				assertThat(any).as("query of " + panel.path("title").asText() + " names a metric").isTrue();
			}
		}
		assertThat(PUBLISHED_METRICS).containsAll(used);
	}

	@Test
	void panelsTellTheStoryOfTheTalk() {
		List<String> titles = queryPanels().stream()
			.map((panel) -> panel.path("title").asText().toLowerCase())
			.collect(Collectors.toList());
		for (String topic : List.of("breaker state", "failure rate", "slow-call rate", "outcome", "retries", "bulkhead",
				"latency")) {
			assertThat(titles).as("a panel about " + topic).anyMatch((title) -> title.contains(topic));
		}
		assertThat(queryPanels()).filteredOn((panel) -> panel.path("title").asText().equals("Breaker state"))
			.singleElement()
			.satisfies((panel) -> assertThat(panel.path("type").asText()).isEqualTo("state-timeline"));
	}

	@Test
	void thresholdLinesAreTheUiBreakerSettings() {
		// Resilience4j's defaults apply while the UI does not set them.
		assertThat(thresholdLine("Failure rate vs threshold")).isEqualTo(uiBreakerSetting("failureratethreshold", 50));
		assertThat(thresholdLine("Slow-call rate vs threshold"))
			.isEqualTo(uiBreakerSetting("slowcallratethreshold", 100));
	}

	@Test
	void panelsHaveUniqueIdsAndDoNotOverlap() {
		List<JsonNode> panels = allPanels();
		assertThat(panels).extracting((panel) -> panel.path("id").asInt()).doesNotHaveDuplicates();
		for (int i = 0; i < panels.size(); i++) {
			JsonNode a = panels.get(i).path("gridPos");
			assertThat(a.path("x").asInt() + a.path("w").asInt()).isLessThanOrEqualTo(24);
			for (int j = i + 1; j < panels.size(); j++) {
				JsonNode b = panels.get(j).path("gridPos");
				boolean overlap = a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
						&& b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
						&& a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
						&& b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
				assertThat(overlap).as(panels.get(i).path("title") + " overlaps " + panels.get(j).path("title"))
					.isFalse();
			}
		}
	}

	@Test
	void grafanaLoadsTheDashboardFromTheFolderComposeMountsAndLetsAnyoneView() {
		Map<String, Object> grafana = ComposeFileTests.service("grafana");
		String mounted = Yamls.strings(grafana, "volumes")
			.stream()
			.filter((volume) -> volume.startsWith("./" + DASHBOARDS + ":"))
			.map((volume) -> volume.split(":")[1])
			.findFirst()
			.orElseThrow(() -> new AssertionError("grafana does not mount ./" + DASHBOARDS));
		Map<String, Object> provider = Yamls
			.maps(Repository.yaml("observability/grafana/provisioning/dashboards/faultline.yml"), "providers")
			.get(0);
		assertThat(Yamls.string(provider, "options", "path")).isEqualTo(mounted);
		assertThat(Yamls.strings(grafana, "volumes"))
			.contains("./observability/grafana/provisioning:/etc/grafana/provisioning:ro");
		Map<String, Object> environment = Yamls.map(grafana, "environment");
		assertThat(environment).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
			.containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer")
			.containsEntry("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", mounted + "/faultline.json");
	}

	private double thresholdLine(String title) {
		JsonNode steps = queryPanels().stream()
			.filter((panel) -> panel.path("title").asText().equals(title))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no panel " + title))
			.path("fieldConfig")
			.path("defaults")
			.path("thresholds")
			.path("steps");
		return steps.get(steps.size() - 1).path("value").asDouble();
	}

	private static double uiBreakerSetting(String normalisedName, double resilience4jDefault) {
		Set<Double> values = ServiceEndpoints.of("ui-service")
			.properties()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("resilience4j.circuitbreaker."))
			.filter((entry) -> {
				String key = entry.getKey();
				return key.substring(key.lastIndexOf('.') + 1).replace("-", "").toLowerCase().equals(normalisedName);
			})
			.map((entry) -> Double.valueOf(entry.getValue()))
			.collect(Collectors.toSet());
		assertThat(values).as("one " + normalisedName + " across the UI's breakers, for one line on the dashboard")
			.hasSizeLessThanOrEqualTo(1);
		return values.isEmpty() ? resilience4jDefault : values.iterator().next();
	}

	private List<JsonNode> queryPanels() {
		return allPanels().stream()
			.filter((panel) -> !panel.path("type").asText().equals("row"))
			.collect(Collectors.toList());
	}

	private List<JsonNode> allPanels() {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : this.dashboard.path("panels")) {
			panels.add(panel);
			StreamSupport.stream(panel.path("panels").spliterator(), false).forEach(panels::add);
		}
		return panels;
	}

	private static JsonNode readDashboard() {
		try {
			return new ObjectMapper().readTree(Repository.file(DASHBOARDS + "/faultline.json").toFile());
		}
		catch (IOException ex) {
			throw new IllegalStateException("faultline.json is not valid JSON", ex);
		}
	}

}
