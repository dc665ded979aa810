package dev.faultline.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
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

	private static final String TAG_A = Character.toString(0xE0041);

	private static final String TAG_B = Character.toString(0xE0042);

	private static final String CANCEL_TAG = Character.toString(0xE007F);

	private static final String BLACK_FLAG = Character.toString(0x1F3F4);

	/** The flag of Scotland: U+1F3F4, the tags g b s c t, U+E007F CANCEL TAG. */
	private static final String SCOTLAND = BLACK_FLAG + tags("gbsct") + CANCEL_TAG;

	/** The flag of England, tags g b e n g. */
	private static final String ENGLAND = BLACK_FLAG + tags("gbeng") + CANCEL_TAG;

	/**
	 * The flag of Texas, tags u s t x: a valid subdivision, though not one Unicode
	 * recommends vendors draw.
	 */
	private static final String TEXAS = BLACK_FLAG + tags("ustx") + CANCEL_TAG;

	/** WHITE FLAG, VARIATION SELECTOR-16, ZERO WIDTH JOINER, RAINBOW. */
	private static final String RAINBOW_FLAG = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08";

	/** EYE and LEFT SPEECH BUBBLE, each with VARIATION SELECTOR-16, joined. */
	private static final String EYE_IN_SPEECH_BUBBLE = "\uD83D\uDC41\uFE0F\u200D\uD83D\uDDE8\uFE0F";

	/** BEARDED PERSON, a skin tone modifier, a joiner and MALE SIGN with VS-16. */
	private static final String MAN_WITH_BEARD_MEDIUM_SKIN = "\uD83E\uDDD4\uD83C\uDFFD\u200D\u2642\uFE0F";

	/** MAN, WOMAN, GIRL joined by two zero-width joiners. */
	private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

	/**
	 * What the plain-text rule refuses between two letters, straight from the categories:
	 * controls, surrogates, private use, unassigned, format characters (joiners aside),
	 * noncharacters, U+FFFD.
	 */
	private static final IntPredicate REFUSED = (cp) -> switch (Character.getType(cp)) {
		case Character.CONTROL, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
		case Character.FORMAT -> cp != 0x200C && cp != 0x200D;
		default -> cp == 0xFFFD || isNoncharacter(cp);
	};

	private static final int[] FORMAT = codePointsWhere(
			(cp) -> Character.getType(cp) == Character.FORMAT && cp != 0x200C && cp != 0x200D);

	private static final int[] TAGS = codePointsWhere((cp) -> cp >= 0xE0020 && cp <= 0xE007F);

	private static final int[] PRIVATE_USE = codePointsWhere((cp) -> Character.getType(cp) == Character.PRIVATE_USE);

	private static final int[] UNASSIGNED = codePointsWhere((cp) -> Character.getType(cp) == Character.UNASSIGNED);

	private static final int[] NONCHARACTERS = codePointsWhere(MessageTextTests::isNoncharacter);

	private static final int[] CONTROLS = codePointsWhere((cp) -> Character.getType(cp) == Character.CONTROL);

	private static final int[] SURROGATES = codePointsWhere((cp) -> Character.getType(cp) == Character.SURROGATE);

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
				"\u2800\u115F", TAG_A + TAG_B, "\uFE0F", "\u034F\u0301" }) {
			assertThat(violations(invisible)).as("%s", codePoints(invisible)).contains("Visible");
		}
		assertThat(violations("\u200BAda")).doesNotContain("Visible");
	}

	@Example
	void anAuthorOfTagCharactersAloneOrAfterLettersIsRefused() {
		assertThat(violations(TAG_A + TAG_B)).contains("Visible", "PlainText");
		assertThat(violations("Ada" + TAG_A + TAG_B)).containsExactly("PlainText");
		assertThat(MessageText.firstForbidden("Ada" + TAG_A + TAG_B)).isEqualTo(0xE0041);
	}

	@Example
	void controlBidiUnpairedSurrogateReplacementAndNoncharactersAreRefused() {
		for (String bad : new String[] { "a\nb", "a\u0000", "\u202Eevil", "a\u2066b\u2069", "\u200Fx", "\uD800",
				"x\uDC00", "\uFFFD", "\uFFFF", "\uFDD0", "\uD83F\uDFFE" }) {
			assertThat(violations(bad)).as("%s", bad.chars().boxed().toList()).contains("PlainText");
		}
	}

	@Example
	void formatPrivateUseAndUnassignedCodePointsInsideLettersAreRefusedAndNamed() {
		for (int bad : new int[] { 0x200B, 0x2060, 0xFEFF, 0x00AD, 0x180E, 0x0600, 0xFFF9, 0x1D173, 0xE0001, 0xE007F,
				0xE000, 0xF8FF, 0xF0000, 0x10FFFD, 0x0378, 0xE0080, 0x2FFFD }) {
			String value = "Ada" + Character.toString(bad) + "Lovelace";
			assertThat(violations(value)).as("U+%04X", bad).containsExactly("PlainText");
			assertThat(MessageText.firstForbidden(value)).as("U+%04X", bad).isEqualTo(bad);
		}
	}

	@Example
	void aJoinerIsRefusedUnlessBetweenTwoVisibleCharacters() {
		for (String bad : new String[] { "\u200DAda", "Ada\u200D", "Ada \u200Dx", "Ada\u200D x", "a\u200D\u200Db",
				"a\u200C\u200Bb", "a\u200C\u3164", "\u0301\u200Ca", "a\u200D\u0301", "a\u200D" + TAG_A }) {
			assertThat(violations(bad)).as("%s", codePoints(bad)).contains("PlainText");
			assertThat(MessageText.firstForbidden(bad)).as("%s", codePoints(bad)).isIn(0x200C, 0x200D, 0x200B, 0xE0041);
		}
	}

	@Example
	void tagCharactersAreRefusedOutsideAFlagSequence() {
		for (String bad : new String[] { BLACK_FLAG + tags("gbsct"), BLACK_FLAG + tags("GBSCT") + CANCEL_TAG,
				BLACK_FLAG + tags("g") + CANCEL_TAG, BLACK_FLAG + tags("gbsctxyz") + CANCEL_TAG,
				BLACK_FLAG + tags("gb sct") + CANCEL_TAG, "\uD83D\uDE00" + tags("gbsct") + CANCEL_TAG,
				tags("gbsct") + CANCEL_TAG, CANCEL_TAG, SCOTLAND + CANCEL_TAG, SCOTLAND + tags("gbsct") + CANCEL_TAG,
				BLACK_FLAG + CANCEL_TAG }) {
			assertThat(violations(bad)).as("%s", codePoints(bad)).contains("PlainText");
		}
	}

	@Example
	void lettersOfEveryScriptArePlainAndVisible() {
		for (String good : new String[] { "Ada", "Grüße", "Дмитрий", "李小龍", "محمد", "\uD83D\uDC69\u200D\uD83D\uDCBB",
				"e\u0301" }) {
			assertThat(violations(good)).as(good).isEmpty();
		}
	}

	@Example
	void emojiSequencesFlagsAndShapingJoinersArePlainAndVisible() {
		for (String good : new String[] { FAMILY, SCOTLAND, ENGLAND, TEXAS, RAINBOW_FLAG, EYE_IN_SPEECH_BUBBLE,
				MAN_WITH_BEARD_MEDIUM_SKIN, "\u2764\uFE0F", "1\uFE0F\u20E3", "🇺🇳", "می\u200Cخواهم", "क्\u200Dष",
				"Go " + SCOTLAND + "!", "🏴" }) {
			assertThat(violations(good)).as("%s", codePoints(good)).isEmpty();
		}
	}

	/**
	 * Every code point is judged by its category alone, except the joiners and the tag
	 * characters: between two letters, each control, surrogate, private-use, unassigned
	 * and format code point, noncharacter and U+FFFD is refused and named, and every
	 * other code point is allowed.
	 */
	@Example
	void everyCodePointIsJudgedByItsCategory() {
		List<String> misjudged = new ArrayList<>();
		int refused = 0;
		for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
			int expected = REFUSED.test(cp) ? cp : -1;
			if (MessageText.firstForbidden("a" + Character.toString(cp) + "b") != expected) {
				misjudged.add(String.format("U+%04X", cp));
			}
			refused += (expected != -1) ? 1 : 0;
		}
		assertThat(misjudged).isEmpty();
		assertThat(refused).isGreaterThan(137_468 + 800_000);
	}

	/** Trimming twice changes nothing, and never removes a visible character. */
	@Property(tries = 500, seed = "20261129")
	void trimIsIdempotentAndKeepsVisibility(@ForAll("unicode") String value) {
		String trimmed = MessageText.trim(value);
		assertThat(MessageText.trim(trimmed)).isEqualTo(trimmed);
		assertThat(MessageText.isVisible(trimmed)).isEqualTo(MessageText.isVisible(value));
	}

	/**
	 * A value is plain exactly when the rule names no forbidden code point, and the one
	 * it names is in the value, whichever plane it comes from.
	 */
	@Property(tries = 500, seed = "20261129")
	void plainTextAgreesWithTheCodePointItNames(@ForAll("unicode") String value) {
		int forbidden = MessageText.firstForbidden(value);
		assertThat(violations(value).contains("PlainText")).isEqualTo(forbidden != -1);
		if (forbidden != -1) {
			assertThat(value.codePoints().boxed().toList()).contains(forbidden);
		}
		assertThat(MessageText.length(value)).isLessThanOrEqualTo(value.length());
	}

	/**
	 * A code point of a refused category (format, private use, unassigned, noncharacter,
	 * control, surrogate), put anywhere in otherwise valid text, is refused: named
	 * itself, or a joiner or flag it tore apart.
	 */
	@Property(tries = 1000, seed = "20261129")
	void aRefusedCodePointAnywhereInValidTextIsRefused(@ForAll("validTexts") String text,
			@ForAll("refusedCodePoints") int refused, @ForAll("fractions") double where) {
		int[] codePoints = text.codePoints().toArray();
		int at = Math.min((int) (where * (codePoints.length + 1)), codePoints.length);
		// A lower-case tag put among a flag's tags may spell another subdivision's flag,
		// which is valid text.
		Assume.that(!(isTag(refused) && at > 0 && (codePoints[at - 1] == 0x1F3F4 || isTag(codePoints[at - 1]))));
		String value = new String(codePoints, 0, at) + Character.toString(refused)
				+ new String(codePoints, at, codePoints.length - at);

		assertThat(violations(value)).as("U+%04X in %s", refused, codePoints(value)).contains("PlainText");
		int named = MessageText.firstForbidden(value);
		assertThat(named == refused || named == 0x200C || named == 0x200D || (named >= 0xE0020 && named <= 0xE007F))
			.as("U+%04X named U+%04X in %s", refused, named, codePoints(value))
			.isTrue();
	}

	/**
	 * Text made of letters of many scripts, marks, emoji with variation selectors, skin
	 * tones and joiners, flags of countries and subdivisions, and shaping joiners is
	 * accepted whole.
	 */
	@Property(tries = 500, seed = "20261129")
	void validTextIsAccepted(@ForAll("validTexts") String text) {
		assertThat(textViolations(text)).as("%s", codePoints(text)).isEmpty();
		assertThat(MessageText.firstForbidden(text)).isEqualTo(-1);
	}

	/** Values made only of tag characters are invisible and refused, however many. */
	@Property(tries = 200, seed = "20261129")
	void valuesOfOnlyTagCharactersAreRefused(@ForAll("tagsOnly") String tags) {
		assertThat(violations(tags)).as("%s", codePoints(tags)).contains("Visible", "PlainText");
	}

	@Provide
	Arbitrary<String> unicode() {
		Arbitrary<Character> any = Arbitraries.chars().all();
		Arbitrary<Character> tricky = Arbitraries.of('\u00A0', '\u200B', '\u202E', '\uD83D', '\uDE00', '\uFFFD', ' ',
				'\n', 'a', '\u2066', '\uFEFF', '\u0085', '\u3164', '\t', '\u200D', '\u200C', '\uFE0F', '\uE000');
		Arbitrary<String> piece = Arbitraries.frequencyOf(Tuple.of(3, any.map(String::valueOf)),
				Tuple.of(2, tricky.map(String::valueOf)), Tuple.of(1, refusedCodePoints().map(Character::toString)),
				Tuple.of(1, Arbitraries.of(SCOTLAND, FAMILY, TAG_A, CANCEL_TAG, BLACK_FLAG)));
		return piece.list().ofMaxSize(50).map((pieces) -> String.join("", pieces));
	}

	@Provide
	Arbitrary<String> validTexts() {
		Arbitrary<String> piece = Arbitraries.of("Ada", "a", "Z", "7", "!", "ü", "e\u0301", "Grüße", "Дмитрий", "李小龍",
				"محمد", "ก", "क्\u200Dष", "می\u200Cخواهم", "\uD83D\uDE00", "\u2764\uFE0F", "1\uFE0F\u20E3", "🇺🇳",
				FAMILY, "\uD83D\uDC69\u200D\uD83D\uDCBB", RAINBOW_FLAG, EYE_IN_SPEECH_BUBBLE,
				MAN_WITH_BEARD_MEDIUM_SKIN, SCOTLAND, ENGLAND, "🏴", " ", "\u00A0", "\u3000");
		return piece.list()
			.ofMinSize(1)
			.ofMaxSize(12)
			.map((pieces) -> String.join("", pieces))
			.filter(MessageText::isVisible);
	}

	/**
	 * Code points of the refused categories, drawn from the running JDK's tables so that
	 * every one of them can come up: format characters (joiners aside, tags often),
	 * private use, unassigned, noncharacters, controls and surrogates.
	 */
	@Provide
	Arbitrary<Integer> refusedCodePoints() {
		return Arbitraries.frequencyOf(Tuple.of(3, from(FORMAT)), Tuple.of(2, from(TAGS)),
				Tuple.of(2, from(PRIVATE_USE)), Tuple.of(2, from(UNASSIGNED)), Tuple.of(1, from(NONCHARACTERS)),
				Tuple.of(1, from(CONTROLS)), Tuple.of(1, from(SURROGATES)), Tuple.of(1, Arbitraries.just(0xFFFD)));
	}

	@Provide
	Arbitrary<Double> fractions() {
		return Arbitraries.doubles().between(0, 1).withSpecialValue(0.0).withSpecialValue(0.999_999);
	}

	@Provide
	Arbitrary<String> tagsOnly() {
		return Combinators.combine(from(TAGS).list().ofMinSize(1).ofMaxSize(39), Arbitraries.of(true, false))
			.as((tags, cancelled) -> tags.stream().map(Character::toString).collect(Collectors.joining())
					+ (cancelled ? CANCEL_TAG : ""));
	}

	private static Arbitrary<Integer> from(int[] codePoints) {
		return Arbitraries.integers().between(0, codePoints.length - 1).map((i) -> codePoints[i]);
	}

	private static int[] codePointsWhere(IntPredicate test) {
		return IntStream.rangeClosed(0, Character.MAX_CODE_POINT).filter(test).toArray();
	}

	/** A tag character that may spell a flag's subdivision code (not CANCEL TAG). */
	private static boolean isTag(int cp) {
		return cp >= 0xE0020 && cp <= 0xE007E;
	}

	private static boolean isNoncharacter(int cp) {
		return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
	}

	private static String tags(String ascii) {
		return ascii.chars().map((c) -> 0xE0000 + c).mapToObj(Character::toString).collect(Collectors.joining());
	}

	private static List<String> codePoints(String value) {
		return value.codePoints().mapToObj((cp) -> String.format("U+%04X", cp)).toList();
	}

	private static Set<String> textViolations(String text) {
		return validator.validate(new Text(text))
			.stream()
			.map(ConstraintViolation::getConstraintDescriptor)
			.map((descriptor) -> descriptor.getAnnotation().annotationType().getSimpleName())
			.collect(Collectors.toSet());
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

	/**
	 * What the constraints are tried on when the value may be longer than an author.
	 *
	 * @param text the value under test
	 */
	record Text(@Visible @MaxCodePoints(MessageText.TEXT_MAX) @PlainText String text) {
	}

}
