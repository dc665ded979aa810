package dev.faultline.text;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for a message's author and text, written once for both services: the backend
 * applies them before it stores, the UI before it posts, so the two never disagree about
 * the same input.
 * <ul>
 * <li><b>Trimmed</b> of Unicode white space at both ends (the {@code White_Space}
 * property, so a no-break space too), before any other rule.</li>
 * <li><b>Counted in code points</b>, as a reader counts characters: an emoji is one, not
 * two UTF-16 units.</li>
 * <li><b>Visible</b>: something other than white space, invisible format characters such
 * as U+200B ZERO WIDTH SPACE or tag characters, marks with no base to show on (a lone
 * U+FE0F VARIATION SELECTOR-16) and letters that render blank (the Hangul fillers, the
 * blank Braille pattern).</li>
 * <li><b>Plain</b>: decided by Unicode general category, not by a list, so a whole class
 * of invisible or meaningless code points is refused at once: no control character (Cc,
 * newlines included), no unpaired surrogate (Cs), no private-use (Co) or unassigned (Cn)
 * code point, no noncharacter, no U+FFFD (what an invalid byte sequence decodes to), and
 * no format character (Cf: zero-width spaces, bidirectional controls, which make text
 * read differently from what is stored, the byte order mark, tag characters). Two kinds
 * of format character are what real text is made of and are kept where they do that job:
 * U+200D ZERO WIDTH JOINER and U+200C ZERO WIDTH NON-JOINER between two visible
 * characters (emoji sequences such as a family, Persian and Indic shaping), and tag
 * characters inside an emoji flag sequence (U+1F3F4 WAVING BLACK FLAG, the tags of a
 * subdivision code such as {@code gbsct}, U+E007F CANCEL TAG: the flag of Scotland).
 * Marks stay allowed, variation selectors among them: U+FE0F asks for an emoji's colour
 * presentation.</li>
 * </ul>
 * Categories come from the running JDK's Unicode tables: Java 17 knows Unicode 13.0, so a
 * character first assigned in Unicode 14 or later (an emoji such as U+1FAE0 MELTING FACE)
 * is unassigned to it and refused until the JDK is upgraded. Both services run on the
 * same JDK, so they still agree.
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

	private static final int ZERO_WIDTH_NON_JOINER = 0x200C;

	private static final int ZERO_WIDTH_JOINER = 0x200D;

	private static final int REPLACEMENT_CHARACTER = 0xFFFD;

	private static final int WAVING_BLACK_FLAG = 0x1F3F4;

	/**
	 * Tag characters mirror printable ASCII at this offset: U+E0061 is TAG LATIN SMALL
	 * LETTER A.
	 */
	private static final int TAG_OFFSET = 0xE0000;

	private static final int TAG_SPACE = 0xE0020;

	private static final int CANCEL_TAG = 0xE007F;

	/**
	 * What the tags of a flag spell, per UTS #51: a CLDR subdivision code in lower case,
	 * a region (two letters or three digits) and one to four letters or digits.
	 */
	private static final Pattern SUBDIVISION = Pattern.compile("(?:[a-z]{2}|[0-9]{3})[0-9a-z]{1,4}");

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
	 * invisible format character, not a mark (which shows only on a base character) and
	 * not one of the letters that render as blank (the Hangul fillers, the blank Braille
	 * pattern).
	 */
	public static boolean isVisible(String value) {
		return value.codePoints().anyMatch(MessageText::showsOnItsOwn);
	}

	/**
	 * The first code point the plain-text rule refuses, or -1 when there is none. A
	 * joiner or a tag character is refused where it stands outside the sequences it
	 * belongs to.
	 */
	public static int firstForbidden(String value) {
		int[] codePoints = value.codePoints().toArray();
		int i = 0;
		while (i < codePoints.length) {
			int flagEnd = flagSequenceEnd(codePoints, i);
			if (flagEnd > i) {
				i = flagEnd;
				continue;
			}
			if (isForbidden(codePoints, i)) {
				return codePoints[i];
			}
			i++;
		}
		return -1;
	}

	private static boolean isForbidden(int[] codePoints, int i) {
		int cp = codePoints[i];
		if (cp == REPLACEMENT_CHARACTER || isNoncharacter(cp)) {
			return true;
		}
		return switch (Character.getType(cp)) {
			case Character.CONTROL, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
			case Character.FORMAT -> !isJoinerBetweenVisible(codePoints, i);
			default -> false;
		};
	}

	/**
	 * Whether the code point at {@code i} is a zero-width joiner or non-joiner with a
	 * visible character on either side. Marks after the character before it belong to
	 * that character: in the rainbow flag (U+1F3F3 U+FE0F U+200D U+1F308) the joiner
	 * follows a variation selector, in Devanagari conjuncts a virama.
	 */
	private static boolean isJoinerBetweenVisible(int[] codePoints, int i) {
		int cp = codePoints[i];
		if (cp != ZERO_WIDTH_JOINER && cp != ZERO_WIDTH_NON_JOINER) {
			return false;
		}
		int before = i - 1;
		while (before >= 0 && isMark(codePoints[before])) {
			before--;
		}
		int after = i + 1;
		return before >= 0 && showsOnItsOwn(codePoints[before]) && after < codePoints.length
				&& showsOnItsOwn(codePoints[after]);
	}

	/**
	 * The index just past the emoji flag sequence that starts at {@code i} (U+1F3F4, the
	 * tags of a subdivision code, U+E007F CANCEL TAG), or {@code i} when none does.
	 */
	private static int flagSequenceEnd(int[] codePoints, int i) {
		if (codePoints[i] != WAVING_BLACK_FLAG) {
			return i;
		}
		StringBuilder code = new StringBuilder();
		int end = i + 1;
		while (end < codePoints.length && codePoints[end] >= TAG_SPACE && codePoints[end] < CANCEL_TAG) {
			code.append((char) (codePoints[end] - TAG_OFFSET));
			end++;
		}
		boolean flag = end < codePoints.length && codePoints[end] == CANCEL_TAG && SUBDIVISION.matcher(code).matches();
		return flag ? end + 1 : i;
	}

	/**
	 * Whether the code point shows something by itself: not white space, not a format
	 * character, not a mark, not a blank letter.
	 */
	private static boolean showsOnItsOwn(int cp) {
		return !isWhiteSpace(cp) && Character.getType(cp) != Character.FORMAT && !isMark(cp)
				&& !BLANK_LETTERS.contains(cp);
	}

	/** Marks (Mn, Mc, Me): accents, vowel signs, viramas, variation selectors. */
	private static boolean isMark(int cp) {
		int type = Character.getType(cp);
		return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
				|| type == Character.ENCLOSING_MARK;
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
	 * U+FDD0..U+FDEF and the last two code points of every plane, which Unicode reserves
	 * for internal use. They are unassigned (Cn) too; named here because no Unicode
	 * version will ever assign them.
	 */
	private static boolean isNoncharacter(int cp) {
		return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
	}

}
