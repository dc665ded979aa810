package dev.faultline.fuzz;

import java.util.Random;
import java.util.stream.Collectors;

import dev.faultline.text.MessageText;

/**
 * Ordinary and hostile values for a text field ({@code author}, {@code text}), each
 * judged by the contract.
 */
final class Values {

	private static final String[] NAMES = { "Ada", "Grace Hopper", "Linus", "Margaret", "Barbara", "Édith", "李小龍",
			"Ёжик", "O'Brien", "محمد", "Zoë", "Ngũgĩ" };

	private static final String[] TEXTS = { "Hello, Faultline", "Timeouts turn slow failures into fast ones.",
			"Retry, but only what is worth retrying.", "Ça marche très bien", "日本語のテキスト", "שלום עולם" };

	/** Scotland's flag: U+1F3F4, the tags g b s c t, U+E007F CANCEL TAG. */
	private static final String SCOTLAND = "\uD83C\uDFF4" + tags("gbsct") + "\uDB40\uDC7F";

	private static final String[] EMOJI = { "😀", "🚀", "𠜎", "👍🏽", "👨‍👩‍👧", "🇺🇳", SCOTLAND,
			"\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08" };

	private static final String[] ODDITIES = { "\uD800", "a\uDC00b", "\uDBFF", "x\uD83D", "\u202Eevil\u202C",
			"\u2066rtl\u2069", "\u200B", "\u200B\u200B", "\u200Dx", "\u00A0", "\u00A0\u00A0", "\u3000", "\u2028",
			"x\u2029y", "\uFEFFAda", "\uFFFF", "\uFDD0", "\uE000", "\u0378", "Ａｄａ", "ǅ", "\u0130stanbul",
			"\uD83D\uDE00\uFE0F", "\u180E", "\u115F", "\u3164", "e\u0301", tags("AB"), "Ada" + tags("AB"),
			"\uD83C\uDFF4" + tags("GBSCT") + "\uDB40\uDC7F", SCOTLAND + "\uDB40\uDC7F", "\uDB40\uDC01en", "x\u00ADy",
			"\uFE0F", "\uDB80\uDC00", "Ada\u200D", "a\u200D\u200Db", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
			"\u0915\u094D\u200D\u0937" };

	private static final String[] CONTROLS = { "a\u0007b", "line\nbreak", "tab\tinside", "\u0000", "nul\u0000nul",
			"del\u007F", "nel\u0085x", "csi\u009B2J", "esc\u001B[31mred", "cr\rx", "\u0001", "\tpadded\t",
			"\u0000 Ada" };

	private static final String[] INJECTIONS = { "<script>alert(1)</script>", "'; DROP TABLE messages; --",
			"${jndi:ldap://127.0.0.1/x}", "[[${7*7}]]", "[(${T(java.lang.Runtime)})]", "{{7*7}}", "%s%n%x%p",
			"../../../../etc/passwd", "null", "undefined", "\\u0000", "\"quoted\"", "\\", "</textarea><b>x</b>",
			"javascript:alert(1)", "=HYPERLINK(\"x\")", "&amp;&lt;", "%00", "+", "a&b=c" };

	private final Random random;

	Values(Random random) {
		this.random = random;
	}

	Field field(int max) {
		int dice = this.random.nextInt(100);
		String value;
		if (dice < 30) {
			value = (max == MessageText.AUTHOR_MAX) ? pick(NAMES) : pick(TEXTS) + " " + this.random.nextInt(100_000);
		}
		else if (dice < 42) {
			value = pick("a".repeat(max), "a".repeat(max + 1), "  " + "b".repeat(max) + "  ", "", " ", "\t \n", "x",
					"é".repeat(max), "e\u0301".repeat(max / 2), "ß".repeat(max + 1));
		}
		else if (dice < 55) {
			String unit = pick(EMOJI);
			int units = pick(1, max / 2, max, max + 1) / unit.codePointCount(0, unit.length());
			value = unit.repeat(Math.max(1, units));
		}
		else if (dice < 72) {
			value = pick(ODDITIES);
		}
		else if (dice < 84) {
			value = pick(CONTROLS);
		}
		else if (dice < 94) {
			value = pick(INJECTIONS);
		}
		else {
			value = pick(NAMES) + pick(ODDITIES) + pick(EMOJI);
		}
		return new Field(value, classify(value, max));
	}

	/**
	 * Whether the contract accepts the value, by the rules both services apply
	 * ({@link MessageText}): trimmed, it is visible, plain and at most {@code max} code
	 * points long.
	 */
	static Validity classify(String value, int max) {
		String trimmed = MessageText.trim(value);
		boolean valid = MessageText.isVisible(trimmed) && MessageText.firstForbidden(trimmed) == -1
				&& MessageText.length(trimmed) <= max;
		return valid ? Validity.VALID : Validity.INVALID;
	}

	/** The tag characters that spell {@code ascii}, invisibly. */
	static String tags(String ascii) {
		return ascii.chars().map((c) -> 0xE0000 + c).mapToObj(Character::toString).collect(Collectors.joining());
	}

	/** Without Unicode white space at either end, as both services trim. */
	static String trim(String value) {
		return MessageText.trim(value);
	}

	@SafeVarargs
	private <T> T pick(T... items) {
		return items[this.random.nextInt(items.length)];
	}

}
