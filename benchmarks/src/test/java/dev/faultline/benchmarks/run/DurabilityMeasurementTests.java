package dev.faultline.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DurabilityMeasurement}: the two backends' H2 URLs differ only in
 * {@code WRITE_DELAY}, and the rounds alternate so that drift favours neither.
 */
class DurabilityMeasurementTests {

	private static final String URL = "jdbc:h2:file:${faultline.data-dir}/faultline;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

	@Test
	void theShippedUrlIsReadFromTheBackendsApplicationYaml() throws IOException {
		String yaml = Files.readString(Path.of("../backend-service/src/main/resources/application.yml"));
		String url = DurabilityMeasurement.datasourceUrl(yaml);
		assertThat(url).startsWith("jdbc:h2:file:");
		assertThat(DurabilityMeasurement.writeDelay(url)).isZero();
	}

	@Test
	void theUrlIsTheOneUnderDatasourceWithoutTheComments() {
		String yaml = """
				spring:
				  datasource:
				    # url: jdbc:h2:mem:not-this
				    url: %s
				    username: sa
				""".formatted(URL);
		assertThat(DurabilityMeasurement.datasourceUrl(yaml)).isEqualTo(URL);
	}

	@Test
	void theUrlIsTheDefaultWhenTheEnvironmentMayChooseAnotherDatabase() {
		String yaml = """
				spring:
				  datasource:
				    url: ${FAULTLINE_DB_URL:%s}
				""".formatted(URL);
		assertThat(DurabilityMeasurement.datasourceUrl(yaml)).isEqualTo(URL);
	}

	@Test
	void onlyTheWriteDelayChanges() {
		assertThat(DurabilityMeasurement.withWriteDelay(URL, 500))
			.isEqualTo("jdbc:h2:file:${faultline.data-dir}/faultline;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=500");
		assertThat(DurabilityMeasurement.withWriteDelay("jdbc:h2:file:/d/f;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", 500))
			.isEqualTo("jdbc:h2:file:/d/f;WRITE_DELAY=500;DB_CLOSE_ON_EXIT=FALSE");
	}

	@Test
	void aUrlWithoutWriteDelayIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> DurabilityMeasurement.withWriteDelay("jdbc:h2:file:/d/f;MAX_WRITE_DELAY=0", 500))
			.withMessageContaining("sets no WRITE_DELAY");
	}

	@Test
	void roundsAlternateABBA() {
		assertThat(DurabilityMeasurement.roundOrder(8, 0, 500)).containsExactly(0, 500, 500, 0, 0, 500, 500, 0);
		assertThat(DurabilityMeasurement.roundOrder(4, 0, 500)).containsExactly(0, 500, 500, 0);
	}

	@Test
	void everyPlanGivesBothSettingsTheSameTime() {
		for (DurabilityMeasurement.Plan plan : new DurabilityMeasurement.Plan[] { DurabilityMeasurement.Plan.FULL,
				DurabilityMeasurement.Plan.SHORT }) {
			assertThat(DurabilityMeasurement.roundOrder(plan.rounds(), 0, 500)).filteredOn((delay) -> delay == 0)
				.hasSize(plan.rounds() / 2);
		}
	}

}
