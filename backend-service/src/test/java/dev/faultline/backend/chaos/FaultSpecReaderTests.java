package dev.faultline.backend.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.faultline.backend.system.Violation;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Reading fault settings: defaults, query strings and JSON values alike, and every broken
 * rule at once.
 */
class FaultSpecReaderTests {

	private final FaultSpecReader reader = new FaultSpecReader(Duration.ofMinutes(5),
			Validation.buildDefaultValidatorFactory().getValidator());

	@Test
	void defaultsApplyWhenNothingIsGiven() {
		FaultSpec spec = this.reader.read(Fault.SLOW_BODY, Map.of());

		assertThat(spec.effect()).isEqualTo(new Effect.SlowBody(16, 500));
		assertThat(spec.selector()).isEqualTo(Selector.EVERY_REQUEST);
		assertThat(spec.scope()).isEqualTo(Scope.ALL_API);
		assertThat(spec.duration()).isEqualTo(Duration.ofMinutes(5));
	}

	static Stream<Arguments> faultDefaults() {
		return Stream.of(Arguments.of(Fault.HANG, new Effect.Hang(FaultSettings.MAX_WAIT_MS)),
				Arguments.of(Fault.ERROR, new Effect.Error(500, null)),
				Arguments.of(Fault.CRASH, new Effect.Crash(1_000)),
				Arguments.of(Fault.FLAP, new Effect.Flap(5_000, 5_000, new Effect.Error(500, null))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faultDefaults")
	void eachFaultHasItsDefaults(Fault fault, Effect effect) {
		assertThat(this.reader.read(fault, Map.of()).effect()).isEqualTo(effect);
	}

	@Test
	void queryStringsAndJsonNumbersReadTheSame() {
		FaultSpec fromQuery = this.reader.read(Fault.ERROR, Map.of("status", "503", "everyNth", "3", "duration", "90"),
				Set.of("status", "everyNth", "duration"));
		FaultSpec fromJson = this.reader.read(Fault.ERROR, Map.of("status", 503, "everyNth", 3, "duration", 90));

		assertThat(fromQuery).isEqualTo(fromJson);
		assertThat(fromJson.duration()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void jsonTextIsNotANumber() {
		InvalidChaosRequestException json = catchThrowableOfType(
				() -> this.reader.read(Fault.LATENCY, Map.of("ms", "3000")), InvalidChaosRequestException.class);

		assertThat(json.violations()).extracting(Violation::field, Violation::rule)
			.containsExactly(tuple("ms", "type"));
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "0x10", "+5", "\u0665", "1e3", " 5", "" })
	void queryTextMustBePlainDecimal(String text) {
		InvalidChaosRequestException query = catchThrowableOfType(
				() -> this.reader.read(Fault.LATENCY, Map.of("ms", text), Set.of("ms")),
				InvalidChaosRequestException.class);

		assertThat(query).isNotNull();
		assertThat(query.violations()).extracting(Violation::field).containsExactly("ms");
	}

	static Stream<Arguments> refusedValues() {
		return Stream.of(Arguments.of("methods", ""), Arguments.of("paths", "/api/**,,/x"), Arguments.of("rate", 0),
				Arguments.of("duration", "PT0.0001S"));
	}

	@ParameterizedTest(name = "{0} = \"{1}\"")
	@MethodSource("refusedValues")
	void emptyMethodOrPathItemsZeroRateAndSubSecondDurationsAreRefused(String name, Object value) {
		InvalidChaosRequestException ex = catchThrowableOfType(() -> this.reader.read(Fault.ERROR, Map.of(name, value)),
				InvalidChaosRequestException.class);

		assertThat(ex).isNotNull();
		assertThat(ex.violations()).extracting(Violation::field).containsExactly(name);
	}

	@Test
	void anEmptyItemInAListBreaksTheListRule() {
		InvalidChaosRequestException methods = catchThrowableOfType(
				() -> this.reader.read(Fault.ERROR, Map.of("methods", "GET,,POST")),
				InvalidChaosRequestException.class);

		assertThat(methods.violations()).extracting(Violation::rule).containsExactly("list");
	}

	@Test
	void aCountBeyondAnyIntIsARangeViolationNotAnOverflow() {
		InvalidChaosRequestException ex = catchThrowableOfType(
				() -> this.reader.read(Fault.ERROR, Map.of("firstN", Long.MAX_VALUE)),
				InvalidChaosRequestException.class);

		assertThat(ex.violations()).extracting(Violation::field, Violation::rule)
			.containsExactly(tuple("firstN", "range"));
	}

	@Test
	void aPathPatternThatDoesNotCompileNamesPathsWithTheReason() {
		InvalidChaosRequestException ex = catchThrowableOfType(
				() -> this.reader.read(Fault.LATENCY, Map.of("ms", 1, "paths", "/api/messages/{id:[}")),
				InvalidChaosRequestException.class);

		assertThat(ex.violations()).extracting(Violation::field, Violation::rule)
			.containsExactly(tuple("paths", "pattern"));
		assertThat(ex.violations().get(0).message()).isNotBlank();
	}

	@Test
	void flapTakesTheSettingsOfItsKind() {
		FaultSpec spec = this.reader.read(Fault.FLAP, Map.of("kind", "latency", "ms", "200", "upMs", "100"),
				Set.of("kind", "ms", "upMs"));

		assertThat(spec.effect()).isEqualTo(new Effect.Flap(100, 5000, new Effect.Latency(200, 200)));
		assertThat(spec.settings()).containsEntry("kind", "latency").containsEntry("ms", 200L);
	}

	@Test
	void everyBrokenRuleIsReportedAtOnce() {
		InvalidChaosRequestException ex = catchThrowableOfType(
				() -> this.reader.read(Fault.LATENCY,
						Map.of("minMs", 9, "maxMs", 1, "firstN", 0, "methods", List.of("GET", 7))),
				InvalidChaosRequestException.class);

		assertThat(ex.violations()).extracting(Violation::field)
			.containsExactlyInAnyOrder("minMs", "firstN", "methods");
	}

	@Test
	void selectorDescribesItselfForPeople() {
		assertThat(new Selector(null, null, 3, null).describe()).isEqualTo("every 3rd request");
		assertThat(new Selector(0.3, 42L, null, null).describe()).isEqualTo("30% of requests (seed 42)");
		assertThat(Selector.EVERY_REQUEST.describe()).isEqualTo("every request");
	}

}
