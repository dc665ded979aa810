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
	void mistakesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Benchmarks.Options.parse(List.of("--fast")))
			.withMessageContaining("--fast");
		assertThatIllegalArgumentException().isThrownBy(() -> Benchmarks.Options.parse(List.of("--out")))
			.withMessageContaining("needs a value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Benchmarks.Options.parse(List.of("--smoke", "--scenarios", "hang")));
	}

}
