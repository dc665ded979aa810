package dev.faultline.text;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message text rules, by example and as properties over generated Unicode strings.
 */
class MessageTextTests {

	private static ValidatorFactory factory;

	private static Validator validator;

	@BeforeContainer
	static void startValidator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterContainer
	static void closeValidator() {
		factory.close();
	}

	@Example
	void fortyEmojiAreFortyCharacters() {
		String forty = "\uD83D\uDE00".repeat(40);
		assertThat(forty).hasSize(80);
		assertThat(MessageText.length(forty)).isEqualTo(40);
		assertThat(violations(forty)).isEmpty();
		assertThat(violations(forty + "\uD83D\uDE00")).containsExactly("MaxCodePoints");
	}

	@Example
	void trimmingTakesLinearTimeOnALongInnerRunOfSpaces() {
		String spaced = "a" + " ".repeat(200_000) + "b";
		assertThat(MessageText.trim(spaced)).isEqualTo(spaced);
		assertThat(MessageText.trim("\u0085x\u0085")).isEqualTo("x");
	}

	@Example
	void trimmingRemovesUnicodeWhiteSpaceIncludingNoBreakSpace() {
		assertThat(MessageText.trim("\u00A0\u2003 Ada \u3000\t")).isEqualTo("Ada");
		assertThat(MessageText.trim("A d a")).isEqualTo("A d a");
		assertThat(MessageText.trim(null)).isNull();
	}

	@Example
	void invisibleValuesAreNotVisible() {
		for (String invisible : new String[] { "", "\u200B", "\u00A0", "\u200B\u2060\uFEFF", "\u3000 \u200D", "\u3164",
				"\u2800\u115F" }) {
			assertThat(violations(invisible)).as("%s", invisible.codePoints().boxed().toList()).contains("Visible");
		}
		assertThat(violations("\u200BAda")).isEmpty();
	}

	@Example
	void controlBidiUnpairedSurrogateReplacementAndNoncharactersAreRefused() {
		for (String bad : new String[] { "a\nb", "a\u0000", "\u202Eevil", "a\u2066b\u2069", "\u200Fx", "\uD800",
				"x\uDC00", "\uFFFD", "\uFFFF", "\uFDD0", "\uD83F\uDFFE" }) {
			assertThat(violations(bad)).as("%s", bad.chars().boxed().toList()).contains("PlainText");
		}
	}

	@Example
	void lettersOfEveryScriptArePlainAndVisible() {
		for (String good : new String[] { "Ada", "Grüße", "Дмитрий", "李小龍", "محمد", "👩‍💻", "x\u00ADy" }) {
			assertThat(violations(good)).as(good).isEmpty();
		}
	}

	/** Trimming twice changes nothing, and never removes a visible character. */
	@Property(tries = 500, seed = "20261129")
	void trimIsIdempotentAndKeepsVisibility(@ForAll("unicode") String value) {
		String trimmed = MessageText.trim(value);
		assertThat(MessageText.trim(trimmed)).isEqualTo(trimmed);
		assertThat(MessageText.isVisible(trimmed)).isEqualTo(MessageText.isVisible(value));
	}

	/**
	 * A value is plain exactly when none of its code points is forbidden, whichever plane
	 * they come from.
	 */
	@Property(tries = 500, seed = "20261129")
	void plainTextAgreesWithTheCodePointRule(@ForAll("unicode") String value) {
		boolean forbidden = value.codePoints().anyMatch(MessageText::isForbidden);
		assertThat(violations(value).contains("PlainText")).isEqualTo(forbidden);
		assertThat(MessageText.length(value)).isLessThanOrEqualTo(value.length());
	}

	@Provide
	Arbitrary<String> unicode() {
		Arbitrary<Character> any = Arbitraries.chars().all();
		Arbitrary<Character> tricky = Arbitraries.of('\u00A0', '\u200B', '\u202E', '\uD83D', '\uDE00', '\uFFFD', ' ',
				'\n', 'a', '\u2066', '\uFEFF', '\u0085', '\u3164', '\t');
		return Arbitraries.frequencyOf(Tuple.of(3, any), Tuple.of(2, tricky))
			.list()
			.ofMaxSize(50)
			.map((chars) -> chars.stream().map(String::valueOf).reduce("", String::concat));
	}

	private static Set<String> violations(String name) {
		return validator.validate(new Author(name))
			.stream()
			.map(ConstraintViolation::getConstraintDescriptor)
			.map((descriptor) -> descriptor.getAnnotation().annotationType().getSimpleName())
			.collect(Collectors.toSet());
	}

	/**
	 * What the constraints are tried on.
	 *
	 * @param name the value under test
	 */
	record Author(@Visible @MaxCodePoints(MessageText.AUTHOR_MAX) @PlainText String name) {
	}

}
