package dev.faultline.benchmarks.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A background thread that asks a UI for its replicas' rotation every 100 ms
 * ({@code /actuator/health/replicas}: {@code in rotation}, {@code ejected} or
 * {@code trial} per {@code host:port}) and writes {@code rotation.csv}, so that the
 * report can tell how long a broken replica took to leave the rotation and to come back.
 */
final class RotationSampler implements AutoCloseable {

	static final String[] HEADER = { "epochMs", "replica", "rotation" };

	private static final long PERIOD_MS = 100;

	private final String uiUrl;

	private final CsvWriter csv;

	private final Http http;

	private final PeriodicSampler sampler;

	/**
	 * A sampler of one UI's replicas.
	 * @param uiUrl the base URL of a UI whose level ejects replicas
	 */
	RotationSampler(String uiUrl, CsvWriter csv, Http http) {
		this.uiUrl = uiUrl;
		this.csv = csv;
		this.http = http;
		this.sampler = new PeriodicSampler("rotation-sampler", PERIOD_MS, this::sample);
	}

	void start() {
		this.sampler.start();
	}

	/**
	 * Each replica's rotation as the UI reports it now, by {@code host:port}; empty when
	 * the UI does not answer in time.
	 */
	Map<String, String> rotation() {
		Optional<JsonNode> health = this.http.getJson(this.uiUrl + "/actuator/health/replicas", Duration.ofSeconds(1));
		Map<String, String> rotation = new LinkedHashMap<>();
		health.map((node) -> node.path("details"))
			.ifPresent((details) -> details.fields()
				.forEachRemaining((field) -> rotation.put(field.getKey(), field.getValue().path("rotation").asText())));
		return rotation;
	}

	private void sample() {
		long at = System.currentTimeMillis();
		rotation().forEach((replica, state) -> this.csv.row(at, replica, state));
	}

	@Override
	public void close() throws InterruptedException {
		this.sampler.close();
	}

}
