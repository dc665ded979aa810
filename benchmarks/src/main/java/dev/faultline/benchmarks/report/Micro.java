package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JMH micro-benchmarks of a run ({@code micro.json}, JMH's own JSON, copied into the
 * results directory by a full run of {@code scripts/benchmark}): the cost of one feed
 * read in the UI itself, without a network.
 */
final class Micro {

	/** The file in a results directory. */
	static final String FILE = "micro.json";

	private Micro() {
	}

	/** The rows of {@code micro.json}, or none when the run had no micro-benchmarks. */
	static List<Row> load(Path results) throws IOException {
		Path file = results.resolve(FILE);
		List<Row> rows = new ArrayList<>();
		if (!Files.isRegularFile(file)) {
			return rows;
		}
		for (JsonNode result : new ObjectMapper().readTree(file.toFile())) {
			String benchmark = result.path("benchmark").asText();
			String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
			JsonNode metric = result.path("primaryMetric");
			double scale = "ns/op".equals(metric.path("scoreUnit").asText()) ? 0.001 : 1;
			String level = result.path("params").path("level").asText(null);
			rows.add(new Row(shortName, level, metric.path("score").asDouble() * scale,
					metric.path("scoreError").asDouble() * scale));
		}
		return rows;
	}

	/**
	 * One benchmark.
	 *
	 * @param benchmark the method, such as {@code FeedPathBenchmark.feed}
	 * @param level the level parameter, or {@code null}
	 * @param micros the mean time per call in microseconds
	 * @param error the 99.9% confidence half-width JMH reports
	 */
	record Row(String benchmark, String level, double micros, double error) {
	}

}
