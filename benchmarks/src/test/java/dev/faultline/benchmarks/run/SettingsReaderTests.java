package dev.faultline.benchmarks.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.benchmarks.ServiceSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SettingsReader}, on answers shaped as the services give them (the
 * configuration properties as a UI started by the suite showed them).
 */
class SettingsReaderTests {

	private static final String CONFIGPROPS = """
			{"contexts": {"ui-service": {"beans": {
			  "faultline.resilience-dev.faultline.ui.resilience.ResilienceProperties": {
			    "prefix": "faultline.resilience", "properties": {"retryBudgetRatio": 0.2}},
			  "resilience4j.circuitbreaker-CircuitBreakerProperties": {
			    "prefix": "resilience4j.circuitbreaker", "properties": {
			      "configs": {
			        "replica": {"waitDurationInOpenState": "PT2S", "baseConfig": "default"},
			        "default": {"waitDurationInOpenState": "PT1S", "failureRateThreshold": 50.0,
			          "slidingWindowType": "TIME_BASED", "slidingWindowSize": 10, "minimumNumberOfCalls": 5,
			          "permittedNumberOfCallsInHalfOpenState": 1}},
			      "instances": %s}}}}}}
			""";

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void levelFullsBreakerIsTheDefaultConfigWhenItHasNoInstanceSettings() throws Exception {
		ServiceSettings.Breaker breaker = SettingsReader.breaker(this.json.readTree(CONFIGPROPS.formatted("{}")));

		assertThat(breaker).isEqualTo(new ServiceSettings.Breaker("TIME_BASED", 10, 5, 50.0, 1000L, 1));
	}

	@Test
	void anInstancesOwnSettingsWinOverItsBaseConfig() throws Exception {
		JsonNode configprops = this.json
			.readTree(CONFIGPROPS.formatted("{\"full\": {\"baseConfig\": \"replica\", \"minimumNumberOfCalls\": 3}}"));

		ServiceSettings.Breaker breaker = SettingsReader.breaker(configprops);

		assertThat(breaker.minimumNumberOfCalls()).isEqualTo(3);
		assertThat(breaker.waitInOpenMs()).isEqualTo(2000L);
	}

	@Test
	void withoutConfigurationPropertiesTheBreakerIsUnknown() {
		assertThat(SettingsReader.breaker(null)).isEqualTo(ServiceSettings.Breaker.NONE);
	}

	@Test
	void chaosScenariosAreNamedInTheBackendsOrder() throws Exception {
		JsonNode answer = this.json.readTree("""
				{"scenarios": [{"name": "flaky", "faults": []}, {"name": "every-third", "faults": []}]}""");

		assertThat(SettingsReader.scenarioNames(answer)).containsExactly("flaky", "every-third");
	}

}
