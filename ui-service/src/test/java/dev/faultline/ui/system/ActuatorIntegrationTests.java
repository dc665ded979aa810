package dev.faultline.ui.system;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.testsupport.TestHttp;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.ResiliencePattern;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.Levels;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resilience state is observable: actuator endpoints for every pattern, health with
 * the breakers, and Prometheus metrics per instance. Observable only: no actuator request
 * changes a breaker's state.
 */
class ActuatorIntegrationTests extends AbstractUiIntegrationTests {

	@Test
	void listsTheBreakerOfEveryLevelThatHasOne() {
		JsonNode breakers = this.rest.getForObject("/actuator/circuitbreakers", JsonNode.class).get("circuitBreakers");

		for (ProtectionLevel level : ProtectionLevel.values()) {
			assertThat(breakers.has(level.id())).as(level.id())
				.isEqualTo(level.uses(ResiliencePattern.CIRCUIT_BREAKER));
		}
		assertThat(breakers.get("full").get("state").asText()).isEqualTo("CLOSED");
	}

	@Test
	void exposesRetriesTimeLimitersBulkheadsAndTheirEvents() {
		assertThat(instances("retries")).containsAll(ids(Levels.using(ResiliencePattern.RETRY)))
			.doesNotContainAnyElementsOf(ids(Levels.without(ResiliencePattern.RETRY)));
		assertThat(instances("timelimiters")).containsAll(ids(Levels.using(ResiliencePattern.TIME_LIMITER)))
			.doesNotContainAnyElementsOf(ids(Levels.without(ResiliencePattern.TIME_LIMITER)));
		assertThat(instances("bulkheads")).containsAll(ids(Levels.using(ResiliencePattern.BULKHEAD)))
			.doesNotContainAnyElementsOf(ids(Levels.without(ResiliencePattern.BULKHEAD)));
		for (String events : new String[] { "circuitbreakerevents", "retryevents", "bulkheadevents",
				"timelimiterevents" }) {
			assertThat(this.rest.getForEntity("/actuator/" + events, String.class).getStatusCode().value()).as(events)
				.isEqualTo(200);
		}
	}

	@Test
	void healthShowsTheBreakersWithoutAnOpenOneTakingTheUiDown() {
		breaker(ProtectionLevel.FULL).transitionToOpenState();

		JsonNode health = this.rest.getForObject("/actuator/health", JsonNode.class);

		assertThat(health.get("status").asText()).isEqualTo("UP");
		assertThat(health.get("components").get("circuitBreakers").get("details").get("full").get("status").asText())
			.isEqualTo("CIRCUIT_OPEN");
	}

	@Test
	void healthShowsBulkheadsRetriesTimeLimitersTheRetryBudgetAndTheHedge() {
		JsonNode resilience = this.rest.getForObject("/actuator/health", JsonNode.class)
			.get("components")
			.get("resilience");

		assertThat(resilience.get("status").asText()).isEqualTo("UP");
		JsonNode details = resilience.get("details");
		assertThat(details.get("bulkheads").get("full").get("maxAllowedConcurrentCalls").asInt()).isPositive();
		assertThat(details.get("retries").has("circuit-breaker")).isTrue();
		assertThat(details.get("timeLimiters").get("timeout").asText()).isEqualTo("PT2S");
		JsonNode budget = details.get("retryBudget");
		assertThat(budget.get("ratio").asDouble()).isPositive();
		assertThat(budget.get("capacity").asDouble()).isPositive();
		assertThat(budget.get("tokens").get("retry").asDouble()).isPositive();
		assertThat(budget.get("tokens").has("none")).as("level none never retries").isFalse();
		JsonNode hedge = details.get("hedge");
		assertThat(hedge.get("delayMs").asLong()).isPositive();
		assertThat(hedge.get("tokens").asDouble()).isPositive();
		assertThat(hedge.get("budgetCapacity").asInt()).isPositive();
	}

	@Test
	void prometheusHasResilience4jMetricsPerInstance() {
		String metrics = this.rest.getForObject("/actuator/prometheus", String.class);

		assertThat(metrics).contains("resilience4j_circuitbreaker_state{")
			.contains("name=\"circuit-breaker\"")
			.contains("resilience4j_retry_calls")
			.contains("resilience4j_bulkhead_available_concurrent_calls");
	}

	@Test
	void breakerStateCannotBeChangedThroughActuatorEvenWithAVisitorsCsrfToken() {
		// What any visitor can do: open the dashboard for a session and its CSRF token,
		// then post the write operation.
		TestHttp browser = browser();
		HttpResponse<String> dashboard = browser.get("/dashboard");
		Matcher token = Pattern.compile("data-csrf=\"([^\"]+)\"").matcher(dashboard.body());
		assertThat(token.find()).as("CSRF token on the dashboard").isTrue();

		for (String state : new String[] { "FORCE_OPEN", "DISABLE" }) {
			HttpResponse<String> response = browser.send("POST", "/actuator/circuitbreakers/full",
					"{\"updateState\":\"" + state + "\"}", "Content-Type", "application/json", "X-CSRF-TOKEN",
					token.group(1));

			assertThat(response.statusCode()).as(state).isBetween(400, 499);
			assertThat(breaker(ProtectionLevel.FULL).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		}
	}

	/** The instance names an actuator endpoint lists, such as {@code retries}. */
	private List<String> instances(String endpoint) {
		JsonNode answer = this.rest.getForObject("/actuator/" + endpoint, JsonNode.class);
		List<String> names = new ArrayList<>();
		answer.elements().next().forEach((name) -> names.add(name.asText()));
		return names;
	}

	private static List<String> ids(Stream<ProtectionLevel> levels) {
		return levels.map(ProtectionLevel::id).toList();
	}

}
