package dev.faultline.benchmarks.run;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.benchmarks.ReplicaScenario;
import dev.faultline.benchmarks.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChaosCheck}, against an answer of {@code GET /chaos/scenarios} with
 * the backend's presets of the names the suite shares.
 */
class ChaosCheckTests {

	private static final String BACKEND = """
			{"scenarios": [
			  {"name": "every-third", "faults": [{"fault": "error", "settings": {"status": 500, "everyNth": 3}}]},
			  {"name": "errors", "faults": [{"fault": "error", "settings": {"status": 500}}]},
			  {"name": "hang", "faults": [{"fault": "hang", "settings": {}}]},
			  {"name": "slow", "faults": [{"fault": "latency", "settings": {"minMs": 2000, "maxMs": 3000}}]},
			  {"name": "flapping", "faults": [{"fault": "flap", "settings": {"kind": "down", "downMs": 5000, "upMs": 5000}}]}
			]}""";

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void theSuitesScenariosInstallWhatTheBackendsOfTheSameNameInstall() throws Exception {
		List<Scenario> replica = ReplicaScenario.all(ReplicaScenario.Timing.FULL)
			.stream()
			.map(ReplicaScenario::scenario)
			.toList();

		assertThat(ChaosCheck.problems(Scenario.full(), backend())).isEmpty();
		assertThat(ChaosCheck.problems(replica, backend())).isEmpty();
	}

	@Test
	void aScenarioWithOtherSettingsThanTheBackendsOfItsNameIsReported() throws Exception {
		Scenario everyFourth = new Scenario("every-third", "Every third", Scenario.Fault.CHAOS,
				"error?status=500&everyNth=4", Scenario.Load.STANDARD, 5, 20, 15);

		assertThat(ChaosCheck.problems(List.of(everyFourth), backend()))
			.containsExactly("every-third sets everyNth=4, but the backend's scenario every-third sets 3");
	}

	@Test
	void aScenarioWithAnotherFaultThanTheBackendsOfItsNameIsReported() throws Exception {
		Scenario hang = new Scenario("replica-hang", "Hang", Scenario.Fault.CHAOS, "latency?ms=5000",
				Scenario.Load.STANDARD, 5, 20, 15);

		assertThat(ChaosCheck.problems(List.of(hang), backend())).singleElement()
			.asString()
			.startsWith("replica-hang installs latency, but the backend's scenario hang installs");
	}

	private JsonNode backend() throws Exception {
		return this.json.readTree(BACKEND);
	}

}
