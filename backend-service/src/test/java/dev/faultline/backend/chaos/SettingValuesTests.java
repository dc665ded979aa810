package dev.faultline.backend.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.faultline.backend.system.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Typing a chaos request's raw values: query text and JSON values read as the type of
 * their setting, and a value of another type recorded as a violation, never thrown.
 */
class SettingValuesTests {

	static Stream<Arguments> wellTyped() {
		return Stream.of(Arguments.of("503", true, Long.class, 503L), Arguments.of(503, false, Long.class, 503L),
				Arguments.of("0.25", true, Double.class, 0.25), Arguments.of(1, false, Double.class, 1.0),
				Arguments.of(90, false, Duration.class, Duration.ofSeconds(90)),
				Arguments.of("5m", true, Duration.class, Duration.ofMinutes(5)),
				Arguments.of("PT1H", false, Duration.class, Duration.ofHours(1)),
				Arguments.of("/api/**", false, String.class, "/api/**"));
	}

	@ParameterizedTest(name = "{0} (query: {1}) as {2}")
	@MethodSource("wellTyped")
	void aValueIsReadAsTheTypeOfItsSetting(Object raw, boolean fromQuery, Class<?> type, Object typed) {
		SettingValues values = new SettingValues(Map.of("x", raw), fromQuery ? Set.of("x") : Set.of());

		assertThat(values.typed("x", type)).isEqualTo(typed);
		assertThat(values.violations()).isEmpty();
	}

	static Stream<Arguments> wronglyTyped() {
		return Stream.of(Arguments.of("3000", Long.class, "must be a whole number"),
				Arguments.of(Double.NaN, Double.class, "must be a number"),
				Arguments.of("soon", Duration.class, "must be a duration such as 90 (seconds), 30s, 5m or PT1H"),
				Arguments.of(7, String.class, "must be a string"));
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("wronglyTyped")
	void aValueOfAnotherTypeIsAViolation(Object raw, Class<?> type, String message) {
		SettingValues values = new SettingValues(Map.of("x", raw), Set.of());

		assertThat(values.typed("x", type)).isNull();
		assertThat(values.violations()).extracting(Violation::field, Violation::rule, Violation::message)
			.containsExactly(tuple("x", "type", message));
	}

	@Test
	void anAbsentValueIsNullWithoutAViolation() {
		SettingValues values = new SettingValues(Map.of(), Set.of());

		assertThat(values.has("x")).isFalse();
		assertThat(values.typed("x", Long.class)).isNull();
		assertThat(values.violations()).isEmpty();
	}

	@Test
	void aRepeatedParameterAndACommaSeparatedListReadAsOneList() throws NoSuchFieldException {
		SettingValues values = new SettingValues(Map.of("methods", List.of("GET,POST", "PUT")), Set.of("methods"));

		Object typed = values.typed("methods", FaultSettings.Selection.class.getRecordComponents()[4].getGenericType());

		assertThat(typed).isEqualTo(List.of("GET", "POST", "PUT"));
	}

	@Test
	void flapKindDefaultsToErrorAndMustBeAFlapKind() {
		assertThat(new SettingValues(Map.of(), Set.of()).kind()).isEqualTo(Fault.ERROR);

		SettingValues unknown = new SettingValues(Map.of("kind", "nope"), Set.of("kind"));
		assertThat(unknown.kind()).isEqualTo(Fault.ERROR);
		assertThat(unknown.violations()).extracting(Violation::field, Violation::rule)
			.containsExactly(tuple("kind", "one-of"));
	}

}
