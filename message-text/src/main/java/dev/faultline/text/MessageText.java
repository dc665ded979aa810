package dev.faultline.text;

import java.util.Set;

/**
 * The rules for a message's author and text, written once for both services: the backend
 * applies them before it stores, the UI before it posts, so the two never disagree about
 * the same input.
 * <ul>
 * <li><b>Trimmed</b> of Unicode white space at both ends (the {@code White_Space}
 * property, so a no-break space too), before any other rule.</li>
 * <li><b>Counted in code points</b>, as a reader counts characters: an emoji is one, not
 * two UTF-16 units.</li>
 * <li><b>Visible</b>: not only white space, invisible format characters such as U+200B
 * ZERO WIDTH SPACE, and letters that render blank (the Hangul fillers, the blank Braille
 * pattern).</li>
 * <li><b>Plain</b>: no control characters (newlines included), no bidirectional controls
 * (they make text read differently from what is stored), no unpaired surrogate, no U+FFFD
 * (what an invalid byte sequence decodes to), no noncharacter.</li>
 * </ul>
 */
public final class MessageText {

	/** The longest author, in code points. */
	public static final int AUTHOR_MAX = 40;

	/** The longest text, in code points. */
	public static final int TEXT_MAX = 280;

	/**
	 * Letters that render as nothing: HANGUL CHOSEONG and JUNGSEONG FILLER, HANGUL
	 * (HALFWIDTH) FILLER, BRAILLE BLANK.
	 */
	private static final Set<Integer> BLANK_LETTERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);

	private MessageText() {
	}

	/**
	 * The value without Unicode white space at either end; {@code null} stays
	 * {@code null}.
	 */
	public static String trim(String value) {
		if (value == null) {
			return null;
		}
		int start = 0;
		while (start < value.length() && isWhiteSpace(value.codePointAt(start))) {
			start += Character.charCount(value.codePointAt(start));
		}
		int end = value.length();
		while (end > start && isWhiteSpace(value.codePointBefore(end))) {
			end -= Character.charCount(value.codePointBefore(end));
		}
		return value.substring(start, end);
	}

	/** The length a reader sees: code points, not UTF-16 units. */
	public static int length(String value) {
		return value.codePointCount(0, value.length());
	}

	/**
	 * Whether the value shows anything: a code point that is not white space, not an
	 * invisible format character and not one of the letters that render as blank (the
	 * Hangul fillers, the blank Braille pattern).
	 */
	public static boolean isVisible(String value) {
		return value.codePoints()
			.anyMatch((cp) -> !isWhiteSpace(cp) && Character.getType(cp) != Character.FORMAT
					&& !BLANK_LETTERS.contains(cp));
	}

	/** The first code point the plain-text rule refuses, or -1 when there is none. */
	public static int firstForbidden(String value) {
		return value.codePoints().filter(MessageText::isForbidden).findFirst().orElse(-1);
	}

	/** Whether the plain-text rule refuses this code point. */
	public static boolean isForbidden(int cp) {
		return Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.SURROGATE
				|| isBidiControl(cp) || cp == 0xFFFD || isNoncharacter(cp);
	}

	/**
	 * Unicode's {@code White_Space}: Java's two definitions together (one leaves out the
	 * no-break spaces, the other the ASCII controls such as tab), plus U+0085 NEXT LINE,
	 * which neither has.
	 */
	private static boolean isWhiteSpace(int cp) {
		return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x0085;
	}

	/**
	 * ALM, LRM, RLM, the embeddings and overrides (U+202A..U+202E) and the isolates
	 * (U+2066..U+2069).
	 */
	private static boolean isBidiControl(int cp) {
		return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
				|| (cp >= 0x2066 && cp <= 0x2069);
	}

	/**
	 * U+FDD0..U+FDEF and the last two code points of every plane, which Unicode reserves
	 * for internal use.
	 */
	private static boolean isNoncharacter(int cp) {
		return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
	}

}
