package dev.faultline.benchmarks.run;

import java.time.Duration;
import java.util.Map;

/**
 * A background thread that asks each UI with a circuit breaker for its breaker's state
 * every 200 ms and writes {@code breakers.csv}, so that the report can tell when each
 * breaker opened and which calls it let through.
 */
final class BreakerSampler implements AutoCloseable {

	static final String[] HEADER = { "epochMs", "level", "state" };

	private static final long PERIOD_MS = 200;

	private final Map<String, String> uiUrls;

	private final CsvWriter csv;

	private final Http http;

	private final PeriodicSampler sampler;

	/**
	 * A sampler that polls each UI's breaker every 200 ms until closed.
	 * @param uiUrls the base URL of each UI whose level has a breaker, by level
	 */
	BreakerSampler(Map<String, String> uiUrls, CsvWriter csv, Http http) {
		this.uiUrls = Map.copyOf(uiUrls);
		this.csv = csv;
		this.http = http;
		this.sampler = new PeriodicSampler("breaker-sampler", PERIOD_MS, this::sample);
	}

	void start() {
		this.sampler.start();
	}

	/**
	 * The breaker's state as its UI reports it, or {@code UNKNOWN} when the UI does not
	 * answer in time.
	 */
	String state(String level) {
		return this.http.getJson(this.uiUrls.get(level) + "/actuator/circuitbreakers", Duration.ofSeconds(1))
			.map((node) -> node.path("circuitBreakers").path(level).path("state").asText("UNKNOWN"))
			.orElse("UNKNOWN");
	}

	private void sample() {
		this.uiUrls.keySet().forEach((level) -> this.csv.row(System.currentTimeMillis(), level, state(level)));
	}

	@Override
	public void close() throws InterruptedException {
		this.sampler.close();
	}

}
