package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReplicaReport}, {@link ReplicaReportWriter} and {@link ReplicaCheck},
 * on the small run of {@link ReplicaRun}.
 */
class ReplicaReportTests {

	private static final String SECTION = ReplicaReport.START + "\n## Backend replicas\n\nnew\n" + ReplicaReport.END
			+ "\n";

	@TempDir
	Path dir;

	@BeforeEach
	void writeTheSmallRun() throws IOException {
		ReplicaRun.write(this.dir);
	}

	@Test
	void theSectionReplacesTheOneBetweenTheMarkers() {
		String report = "# R\n\n## A\n\n" + ReplicaReport.START + "\n## Backend replicas\n\nold\n" + ReplicaReport.END
				+ "\n\n## How to read this\n\n- x\n";
		assertThat(ReplicaReport.splice(report, SECTION))
			.isEqualTo("# R\n\n## A\n\n" + SECTION + "\n## How to read this\n\n- x\n");
	}

	@Test
	void aReportWithoutTheSectionGetsItBeforeHowToReadThis() {
		assertThat(ReplicaReport.splice("# R\n\n## A\n\n## How to read this\n\n- x\n", SECTION))
			.isEqualTo("# R\n\n## A\n\n" + SECTION + "\n## How to read this\n\n- x\n");
	}

	@Test
	void aReportWithNeitherGetsItAtTheEnd() {
		assertThat(ReplicaReport.splice("# R\n\ntext\n", SECTION)).isEqualTo("# R\n\ntext\n\n" + SECTION);
	}

	@Test
	void theTargetsSayWhatWasMetAndWhatWasMissed() throws IOException {
		new ReplicaReportWriter(this.dir).writeAlone();
		String report = Files.readString(this.dir.resolve("report.md"));
		assertThat(report).contains(
				"| One replica hanging | 97.50% **missed** | 21.21 (2.10 s) **missed** | 500 ms ✓ | 300 ms ✓ |",
				"| Three healthy replicas: ≤ 1.1 calls per read, hedges included | 1.10 backend calls per read ✓ | – | – | – |",
				"3 of 5 targets met in this run; missed in: One replica hanging");
		assertThat(report).contains("### All replicas refusing connections (`replica-all-down`)",
				"Level full's breaker opened 1.20 s after the fault started.");
	}

	@Test
	void aCompleteRunPassesTheCheck() throws IOException {
		new ReplicaReportWriter(this.dir).writeAlone();
		assertThat(new ReplicaCheck(this.dir).problems()).isEmpty();
		assertThat(this.dir.resolve("benchmarks/replica-hang-rotation.svg")).isRegularFile();
		assertThat(this.dir.resolve("benchmarks/replica-healthy-rotation.svg")).doesNotExist();
	}

	@Test
	void aReplicaWithoutRotationSamplesFailsTheCheck() throws IOException {
		Path rotation = this.dir.resolve(ReplicaResults.ROTATION);
		Files.write(rotation,
				Files.readAllLines(rotation).stream().filter((line) -> !line.contains(ReplicaRun.C)).toList());
		new ReplicaReportWriter(this.dir).writeAlone();
		assertThat(new ReplicaCheck(this.dir).problems())
			.containsExactly("rotation.csv has no sample of replica " + ReplicaRun.C);
	}

	@Test
	void aReportWithoutTheSectionFailsTheCheck() throws IOException {
		new ReplicaReportWriter(this.dir).writeAlone();
		Path report = this.dir.resolve("report.md");
		Files.writeString(report, Files.readString(report).replace(ReplicaReport.END, ""));
		assertThat(new ReplicaCheck(this.dir).problems())
			.containsExactly("report.md has no replica section between its markers");
	}

	@Test
	void publishingReplacesOnlyTheSectionOfThePublishedReport() throws IOException {
		new ReplicaReportWriter(this.dir).writeAlone();
		Path docs = Files.createDirectories(this.dir.resolve("docs"));
		Files.writeString(docs.resolve("benchmarks.md"), "# Faultline benchmarks\n\n## Headline\n\nkept\n\n"
				+ ReplicaReport.START + "\nold\n" + ReplicaReport.END + "\n\n## How to read this\n\nkept too\n");
		new ReplicaReportWriter(this.dir).publish(docs);
		String published = Files.readString(docs.resolve("benchmarks.md"));
		assertThat(published).startsWith("# Faultline benchmarks\n\n## Headline\n\nkept\n\n" + ReplicaReport.START)
			.endsWith(ReplicaReport.END + "\n\n## How to read this\n\nkept too\n")
			.contains("### One replica hanging (`replica-hang`)")
			.doesNotContain("old");
		assertThat(docs.resolve("benchmarks/replica-hang-latency.svg")).isRegularFile();
	}

	@Test
	void theSuitesReportHoldsTheSectionBeforeHowToReadThisAndBothChecksPass() throws IOException {
		ResultsCheckTests.SmokeResults.write(this.dir);
		new ReportWriter(this.dir).write();
		String report = Files.readString(this.dir.resolve("report.md"));
		assertThat(report.indexOf("### Refused (port down) (`refused`)"))
			.isLessThan(report.indexOf(ReplicaReport.START));
		assertThat(report.indexOf(ReplicaReport.END)).isLessThan(report.indexOf("## How to read this"));
		assertThat(new ResultsCheck(this.dir).problems()).isEmpty();
		assertThat(new ReplicaCheck(this.dir).problems()).isEmpty();
	}

	@Test
	void aSuiteReportWithoutTheReplicaScenariosKeepsThePublishedSection() throws IOException {
		Path suite = Files.createDirectories(this.dir.resolve("suite"));
		ResultsCheckTests.SmokeResults.write(suite);
		ReportWriter writer = new ReportWriter(suite);
		writer.write();
		Path docs = Files.createDirectories(this.dir.resolve("docs"));
		Files.writeString(docs.resolve("benchmarks.md"), "# Old\n\n" + SECTION + "\n## How to read this\n\nold\n");
		writer.publish(docs);
		String published = Files.readString(docs.resolve("benchmarks.md"));
		assertThat(published).contains("### Refused (port down) (`refused`)", SECTION).doesNotContain("# Old");
		assertThat(published.indexOf(SECTION)).isLessThan(published.indexOf("## How to read this"));
	}

	@Test
	void onlyEveryScenarioWithThePublishedTimingIsPublished() {
		assertThat(new ReplicaReportWriter(this.dir).isPublishable()).isFalse();
	}

}
