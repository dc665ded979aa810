package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Tests for {@link ReplicaFigures}, on the small run of {@link ReplicaRun}. */
class ReplicaFiguresTests {

	@TempDir
	Path dir;

	private List<ReplicaFigures.ScenarioFigures> figures;

	@BeforeEach
	void computeTheSmallRun() throws IOException {
		ReplicaRun.write(this.dir);
		this.figures = ReplicaFigures.compute(ReplicaResults.load(this.dir));
	}

	@Test
	void scenariosAreReportedInRunOrder() {
		assertThat(this.figures).extracting((scenario) -> scenario.scenario().name())
			.containsExactly("replica-healthy", "replica-hang", "replica-all-down");
	}

	@Test
	void theHealthyBaselineCountsHedgesAsCalls() {
		ReplicaFigures.Level full = this.figures.get(0).level("full");
		assertThat(full.reads()).isEqualTo(100);
		assertThat(full.liveWithinDeadline()).isEqualTo(1.0);
		assertThat(full.p99()).isEqualTo(99L);
		assertThat(full.p99OverHealthy()).isEqualTo(1.0);
		assertThat(full.callsFaulted()).isCloseTo(1.1, within(1e-9));
		assertThat(full.fromBroken()).isNull();
		assertThat(full.outOfRotationMs()).isNull();
	}

	@Test
	void aLiveAnswerAfterTheDeadlineIsNotLiveWithinIt() {
		ReplicaFigures.Level full = this.figures.get(1).level("full");
		assertThat(full.reads()).isEqualTo(40);
		assertThat(full.live()).isEqualTo(1.0);
		assertThat(full.liveWithinDeadline()).isEqualTo(39 / 40.0);
	}

	@Test
	void theFaultWindowIsComparedWithTheHealthyBaselineOfTheSameLevel() {
		ReplicaFigures.Level full = this.figures.get(1).level("full");
		assertThat(full.p50()).isEqualTo(20L);
		assertThat(full.p99()).isEqualTo(2100L);
		assertThat(full.healthyP99()).isEqualTo(99L);
		assertThat(full.p99OverHealthy()).isCloseTo(2100 / 99.0, within(1e-9));
		// 20 reads before the fault, one call each; in the window 38 + 2 (a hedge) + 1.
		assertThat(full.callsHealthy()).isEqualTo(1.0);
		assertThat(full.callsFaulted()).isCloseTo(41 / 40.0, within(1e-9));
		assertThat(full.fromBroken()).isEqualTo(1 / 40.0);
	}

	@Test
	void levelNoneLosesTheReadsOfTheBrokenReplicaAndAnUnansweredReadCountsOneCall() {
		ReplicaFigures.Level none = this.figures.get(1).level("none");
		assertThat(none.liveWithinDeadline()).isEqualTo(26 / 40.0);
		assertThat(none.failed()).isEqualTo(14 / 40.0);
		assertThat(none.callsFaulted()).isEqualTo(1.0);
		assertThat(none.outOfRotationMs()).isNull();
		assertThat(none.breakerOpenMs()).isNull();
	}

	@Test
	void theBrokenReplicaLeavesTheRotationAndComesBack() {
		ReplicaFigures.Level full = this.figures.get(1).level("full");
		assertThat(full.outOfRotationMs()).isEqualTo(500L);
		assertThat(full.backInRotationMs()).isEqualTo(300L);
		assertThat(full.breakerOpenMs()).isNull();
	}

	@Test
	void withEveryReplicaDownAnyReplicaOutCountsAndAllMustBeBack() {
		ReplicaFigures.Level full = this.figures.get(2).level("full");
		assertThat(full.outOfRotationMs()).isEqualTo(400L);
		assertThat(full.backInRotationMs()).isEqualTo(600L);
		assertThat(full.breakerOpenMs()).isEqualTo(1200L);
		assertThat(full.cache()).isEqualTo(1.0);
		assertThat(full.callsFaulted()).isEqualTo(0.0);
		assertThat(full.fromBroken()).isNull();
	}

	@Test
	void aReplicaThatNeverLeftTheRotationHasNoTimes() throws IOException {
		ReplicaResults results = ReplicaResults.load(this.dir);
		ReplicaFigures.Rotation rotation = ReplicaFigures.rotation(results,
				results.scenario("replica-hang").orElseThrow(), ReplicaRun.T0 + 150_000L, ReplicaRun.T0 + 151_000L,
				ReplicaRun.T0 + 152_000L);
		assertThat(rotation.outMs()).isNull();
		assertThat(rotation.backMs()).isNull();
	}

}
