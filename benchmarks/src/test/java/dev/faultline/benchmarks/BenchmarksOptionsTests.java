package dev.faultline.benchmarks;

import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for the command line of {@link Benchmarks}. */
class BenchmarksOptionsTests {

	@Test
	void noArgumentsIsTheFullSuiteIntoTheDefaultDirectory() {
		Benchmarks.Options options = Benchmarks.Options.parse(List.of());
		assertThat(options.smoke()).isFalse();
		assertThat(options.out()).isNull();
		assertThat(options.scenarios()).isEmpty();
		assertThat(options.command()).isEqualTo("scripts/benchmark");
	}

	@Test
	void everyOptionIsRead() {
		Benchmarks.Options options = Benchmarks.Options.parse(List.of("--smoke", "--out", "/tmp/x"));
		assertThat(options.smoke()).isTrue();
		assertThat(options.out()).isEqualTo(Paths.get("/tmp/x"));
		assertThat(options.command()).isEqualTo("scripts/benchmark --smoke --out /tmp/x");
		assertThat(Benchmarks.Options.parse(List.of("--scenarios", "hang,killed")).scenarios()).containsExactly("hang",
				"killed");
		assertThat(Benchmarks.Options.parse(List.of("--check", "/tmp/r")).check()).isEqualTo(Paths.get("/tmp/r"));
	}

	@Test
	void aFullRunEndsWithEveryReplicaScenarioAndTheSmokeRunWithTwo() {
		assertThat(Benchmarks.Options.parse(List.of()).replicaScenarios()).extracting(ReplicaScenario::name)
			.containsExactly("replica-healthy", "replica-killed", "replica-stopped", "replica-hang", "replica-latency",
					"replica-errors", "replica-refused", "replica-database", "replica-all-down");
		Benchmarks.Options smoke = Benchmarks.Options.parse(List.of("--smoke"));
		assertThat(smoke.replicaScenarios()).extracting(ReplicaScenario::name)
			.containsExactly("replica-healthy", "replica-refused");
		assertThat(smoke.replicaTiming()).isEqualTo(ReplicaScenario.Timing.SMOKE);
	}

	@Test
	void tryingOneOfTheSuitesScenariosRunsNoReplicaScenario() {
		assertThat(Benchmarks.Options.parse(List.of("--scenarios", "hang")).replicaScenarios()).isEmpty();
	}

	@Test
	void theReplicaScenariosAloneCanBeShortenedAndPicked() {
		Benchmarks.Options options = Benchmarks.Options
			.parse(List.of("--replicas", "--replica-seconds", "3,8,5", "--scenarios", "replica-hang,replica-killed"));
		assertThat(options.replicas()).isTrue();
		assertThat(options.replicaTiming()).isEqualTo(new ReplicaScenario.Timing(3, 8, 5));
		// In run order; the load after a kill lasts at least 40 s, for the restart.
		assertThat(options.replicaScenarios()).extracting((scenario) -> scenario.scenario().faultSeconds())
			.containsExactly(40, 8);
		assertThat(options.command())
			.isEqualTo("scripts/benchmark --replicas --replica-seconds 3,8,5 --scenarios replica-hang,replica-killed");
		assertThat(Benchmarks.Options.parse(List.of("--replicas")).replicaTiming())
			.isEqualTo(ReplicaScenario.Timing.FULL);
	}

	@Test
	void replicaMistakesAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Benchmarks.Options.parse(List.of("--replica-seconds", "3,8,5")))
			.withMessageContaining("--replicas");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Benchmarks.Options.parse(List.of("--replicas", "--replica-seconds", "3,8")))
			.withMessageContaining("HEALTHY,FAULT,RECOVERY");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Benchmarks.Options.parse(List.of("--replicas", "--replica-seconds", "3,0,5")))
			.withMessageContaining("at least 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Benchmarks.Options.parse(List.of("--replicas", "--scenarios", "hang")))
			.withMessageContaining("Unknown replica scenarios [hang]");
	}

	@Test
	void mistakesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Benchmarks.Options.parse(List.of("--fast")))
			.withMessageContaining("--fast");
		assertThatIllegalArgumentException().isThrownBy(() -> Benchmarks.Options.parse(List.of("--out")))
			.withMessageContaining("needs a value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Benchmarks.Options.parse(List.of("--smoke", "--scenarios", "hang")));
	}

}
