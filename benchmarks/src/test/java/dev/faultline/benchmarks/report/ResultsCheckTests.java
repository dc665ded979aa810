package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResultsCheck} and, through it, the well-formedness of what
 * {@link ReportWriter} writes.
 */
class ResultsCheckTests {

	@TempDir
	Path dir;

	@BeforeEach
	void writeSmokeResults() throws IOException {
		SmokeResults.write(this.dir);
	}

	@Test
	void aCompleteReportedRunPasses() throws IOException {
		new ReportWriter(this.dir).write();
		assertThat(new ResultsCheck(this.dir).problems()).isEmpty();
		assertThat(Files.readString(this.dir.resolve("report.md"))).contains("### Healthy (`healthy`)",
				"### Refused (port down) (`refused`)", "## Startup and memory", "## Durability",
				"| `WRITE_DELAY=0` (shipped) | 2 | 70 | 0 | 35 | 30 / 40 | 5.00 ms | 20.0 ms | 20.0 ms |",
				"| `WRITE_DELAY=500` (H2's default) | 2 | 100 | 0 | 50 | 50 / 50 | 4.00 ms | 8.00 ms | 8.00 ms |",
				"| shipped ÷ default | | | | 0.70 | | 1.25 | 2.50 | |", "durability cost 30% of the write throughput",
				"`kill -9`, the kernel's OOM killer, `docker kill`", "power cut");
	}

	@Test
	void aRunWithoutTheDurabilityMeasurementFails() throws IOException {
		new ReportWriter(this.dir).write();
		Files.delete(this.dir.resolve("durability.csv"));
		assertThat(new ResultsCheck(this.dir).problems()).containsExactly("durability.csv is missing");
	}

	@Test
	void anOlderRunWithoutTheDurabilityMeasurementIsStillReported() throws IOException {
		Files.delete(this.dir.resolve("durability.csv"));
		Files.delete(this.dir.resolve("durability-rounds.csv"));
		new ReportWriter(this.dir).write();
		assertThat(Files.readString(this.dir.resolve("report.md"))).contains("## Startup and memory")
			.doesNotContain("## Durability");
	}

	@Test
	void aDurabilityRunWithoutTheDefaultSettingFails() throws IOException {
		dropLines("durability.csv", "500,");
		dropLines("durability-rounds.csv", "500,");
		new ReportWriter(this.dir).write();
		assertThat(new ResultsCheck(this.dir).problems())
			.containsExactly("durability-rounds.csv has no measured round with WRITE_DELAY=500");
		assertThat(Files.readString(this.dir.resolve("report.md")))
			.contains("Only `WRITE_DELAY=0` was measured in this run: there is nothing to compare it with.")
			.doesNotContain("shipped ÷ default");
	}

	@Test
	void aDurabilityRunWithoutTheShippedSettingFails() throws IOException {
		dropLines("durability.csv", "0,");
		dropLines("durability-rounds.csv", "0,");
		new ReportWriter(this.dir).write();
		assertThat(new ResultsCheck(this.dir).problems())
			.containsExactly("durability-rounds.csv has no measured round with the shipped WRITE_DELAY (below 500)");
	}

	@Test
	void aWriteNotAnswered201Fails() throws IOException {
		Path writes = this.dir.resolve("durability.csv");
		List<String> lines = new ArrayList<>(Files.readAllLines(writes));
		int index = lines.indexOf(lines.stream().filter((line) -> line.startsWith("500,2,")).findFirst().orElseThrow());
		lines.set(index, lines.get(index).replace(",201", ",500"));
		Files.write(writes, lines);
		new ReportWriter(this.dir).write();
		assertThat(new ResultsCheck(this.dir).problems())
			.containsExactly("durability.csv has writes of round 2 (WRITE_DELAY=500) not answered 201: 1");
	}

	@Test
	void aLostWriteRowFails() throws IOException {
		Path writes = this.dir.resolve("durability.csv");
		List<String> lines = new ArrayList<>(Files.readAllLines(writes));
		lines.remove(lines.stream().filter((line) -> line.startsWith("0,4,")).findFirst().orElseThrow());
		Files.write(writes, lines);
		new ReportWriter(this.dir).write();
		assertThat(new ResultsCheck(this.dir).problems())
			.containsExactly("durability.csv has 29 writes of round 4 (WRITE_DELAY=0), durability-rounds.csv says 30");
	}

	@Test
	void aReportWithoutTheDurabilityTableFails() throws IOException {
		new ReportWriter(this.dir).write();
		Path report = this.dir.resolve("report.md");
		Files.writeString(report, Files.readString(report).replace("| setting |", "| WRITE_DELAY |"));
		assertThat(new ResultsCheck(this.dir).problems()).containsExactly("report.md has no durability table");
	}

	private void dropLines(String file, String prefix) throws IOException {
		Path path = this.dir.resolve(file);
		Files.write(path, Files.readAllLines(path).stream().filter((line) -> !line.startsWith(prefix)).toList());
	}

	@Test
	void aRunWithoutItsReportFails() {
		assertThat(new ResultsCheck(this.dir).problems()).contains("report.md is missing", "summary.json is missing");
	}

	@Test
	void aLevelWithoutRequestsFails() throws IOException {
		new ReportWriter(this.dir).write();
		Path requests = this.dir.resolve("requests.csv");
		List<String> kept = Files.readAllLines(requests)
			.stream()
			.filter((line) -> !(line.startsWith("refused,none,")))
			.toList();
		Files.write(requests, kept);
		assertThat(new ResultsCheck(this.dir).problems())
			.containsExactly("requests.csv has no feed request of scenario refused at level none");
	}

	@Test
	void aWrongHeaderFails() throws IOException {
		new ReportWriter(this.dir).write();
		Files.writeString(this.dir.resolve("events.csv"), "scenario,when\nhealthy,1\n");
		assertThat(new ResultsCheck(this.dir).problems())
			.containsExactly("events.csv does not start with the header scenario,event,epochMs");
	}

	@Test
	void aBrokenChartFails() throws IOException {
		new ReportWriter(this.dir).write();
		Files.writeString(this.dir.resolve("benchmarks/refused-latency.svg"), "<svg><g></svg>");
		assertThat(new ResultsCheck(this.dir).problems()).singleElement()
			.asString()
			.startsWith("refused-latency.svg is not well-formed XML");
	}

	@Test
	void aReportWithoutAScenarioTableFails() throws IOException {
		new ReportWriter(this.dir).write();
		Path report = this.dir.resolve("report.md");
		Files.writeString(report, Files.readString(report).replace("(`refused`)", "(refused)"));
		assertThat(new ResultsCheck(this.dir).problems())
			.containsExactly("report.md has no table for scenario refused");
	}

	@Test
	void hasTableLooksOnlyUnderItsHeading() {
		String markdown = "### A (`a`)\n\ntext\n\n| level | x |\n### B (`b`)\n\ntext\n";
		assertThat(ResultsCheck.hasTable(markdown, "(`a`)")).isTrue();
		assertThat(ResultsCheck.hasTable(markdown, "(`b`)")).isFalse();
	}

	/** A small smoke run's raw data, written as the suite writes it. */
	static final class SmokeResults {

		static final long T0 = 1_800_000_000_000L;

		private SmokeResults() {
		}

		static void write(Path dir) throws IOException {
			List<String> requests = new ArrayList<>();
			requests.add(String.join(",", ResultsCheck.HEADERS.get("requests.csv")));
			for (int i = 0; i < 40; i++) {
				long at = T0 + i * 100;
				requests.add("healthy,none,/api/feed," + at + ",12,200,live,,1,true");
				requests.add("healthy,full,/api/feed," + at + ",15,200,live,,1,true");
				requests.add("healthy,full,/about," + at + ",3,200,,,,true");
			}
			for (int i = 0; i < 100; i++) {
				long at = T0 + 10_000 + i * 100;
				boolean fault = at >= T0 + 12_000 && at < T0 + 17_000;
				requests.add(
						"refused,none,/api/feed," + at + ",5," + (fault ? "502,,refused,1,false" : "200,live,,1,true"));
				requests.add(
						"refused,full,/api/feed," + at + ",7,200," + (fault ? "cache,refused,0,true" : "live,,1,true"));
				requests.add("refused,none,/about," + at + ",2,200,,,,true");
			}
			Files.write(dir.resolve("requests.csv"), requests);
			Files.write(dir.resolve("breakers.csv"), List.of("epochMs,level,state", (T0 + 12_000) + ",full,CLOSED",
					(T0 + 12_600) + ",full,OPEN", (T0 + 17_400) + ",full,CLOSED"));
			Files.write(dir.resolve("events.csv"),
					List.of("scenario,event,epochMs", "healthy,load-start," + T0, "healthy,load-end," + (T0 + 4000),
							"refused,load-start," + (T0 + 10_000), "refused,fault-start," + (T0 + 12_000),
							"refused,fault-end," + (T0 + 17_000), "refused,backend-healthy," + (T0 + 17_000),
							"refused,load-end," + (T0 + 20_000)));
			Files.write(dir.resolve("backend.csv"), List.of("scenario,backendRequests", "healthy,80", "refused,120"));
			Files.write(dir.resolve("startup.csv"), List.of("service,run,startupMs,springStartedSeconds,rssMb",
					"bare,1,5000,3.1,220.0", "backend,1,9000,6.2,270.5", "ui,1,11000,8.0,290.0"));
			writeDurability(dir);
			Files.write(dir.resolve("run.properties"),
					List.of("mode=smoke", "command=scripts/benchmark --smoke", "started=2027-01-15T08\\:00\\:00Z",
							"durationSeconds=150", "scenarios=healthy,refused", "levels=none,full",
							"machine.cpu=Test CPU", "machine.cores=2", "retryBudget.ratio=0.2",
							"retryBudget.capacity=10.0", "deadlineMs=2000", "levels.withRetry=full",
							"levels.withBreaker=full"));
		}

		/**
		 * The durability measurement: a warm-up of each setting (slow writes, never
		 * reported), then rounds of 1 s ordered 0, 500, 500, 0. WRITE_DELAY=0: 40 then 30
		 * writes of 5 ms, one of them 20 ms; WRITE_DELAY=500: 50 writes a round of 4 ms,
		 * one a round 8 ms.
		 */
		private static void writeDurability(Path dir) throws IOException {
			List<String> writes = new ArrayList<>();
			writes.add(ResultsCheck.HEADERS.get("durability.csv"));
			List<String> rounds = new ArrayList<>();
			rounds.add(ResultsCheck.HEADERS.get("durability-rounds.csv"));
			long start = T0 - 60_000;
			int[][] plan = { { 0, 0, 10 }, { 500, 0, 10 }, { 0, 1, 40 }, { 500, 2, 50 }, { 500, 3, 50 }, { 0, 4, 30 } };
			for (int[] round : plan) {
				int delay = round[0];
				for (int i = 0; i < round[2]; i++) {
					long latencyUs;
					if (round[1] == 0) {
						latencyUs = 50_000;
					}
					else if (delay == 0) {
						latencyUs = (round[1] == 1 && i == 0) ? 20_000 : 5000;
					}
					else {
						latencyUs = (i == 0) ? 8000 : 4000;
					}
					writes.add(delay + "," + round[1] + "," + (i % 4 + 1) + "," + (start + i * 20) + "," + latencyUs
							+ ",201");
				}
				rounds.add(delay + "," + round[1] + "," + start + "," + (start + 1000) + "," + round[2]);
				start += 1000;
			}
			Files.write(dir.resolve("durability.csv"), writes);
			Files.write(dir.resolve("durability-rounds.csv"), rounds);
		}

	}

}
