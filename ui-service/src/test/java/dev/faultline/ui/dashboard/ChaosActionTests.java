package dev.faultline.ui.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ties the dashboard's buttons to the backend's scenarios: the UI cannot depend on the
 * backend's code, so the ids are read from the backend's {@code Scenario} source, where
 * each constant starts with its id.
 */
class ChaosActionTests {

	private static final String SCENARIO_SOURCE = "backend-service/src/main/java/dev/faultline/backend/chaos/Scenario.java";

	/** A constant of the enum and its id: {@code \tEVERY_THIRD("every-third", ...}. */
	private static final Pattern SCENARIO_ID = Pattern.compile("^\\t[A-Z_]+\\(\"([a-z-]+)\"", Pattern.MULTILINE);

	@Test
	void everyButtonButOffInstallsOneOfTheBackendsScenarios() throws IOException {
		List<String> scenarios = backendScenarioIds();

		assertThat(Arrays.stream(ChaosAction.values()).filter((action) -> action != ChaosAction.OFF))
			.allSatisfy((action) -> assertThat(scenarios).as("the backend's scenarios").contains(action.id()));
		assertThat(scenarios).doesNotContain(ChaosAction.OFF.id());
	}

	@Test
	void aButtonIsFoundByItsIdOnly() {
		assertThat(ChaosAction.fromId("every-third")).hasValue(ChaosAction.EVERY_THIRD);
		assertThat(ChaosAction.fromId("EVERY_THIRD")).isEmpty();
		assertThat(ChaosAction.fromId("latency")).as("a fault, not a scenario").isEmpty();
		assertThat(ChaosAction.allowedIds()).isEqualTo(String.join(", ", ChaosActionsForTests.ids()));
	}

	private static List<String> backendScenarioIds() throws IOException {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve(SCENARIO_SOURCE))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("a folder above the tests' with " + SCENARIO_SOURCE).isNotNull();
		List<String> ids = SCENARIO_ID.matcher(Files.readString(dir.resolve(SCENARIO_SOURCE)))
			.results()
			.map((match) -> match.group(1))
			.toList();
		assertThat(ids).as("scenario ids read from " + SCENARIO_SOURCE).isNotEmpty().doesNotHaveDuplicates();
		return ids;
	}

}
