package dev.faultline.testsupport;

import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Unicode for the fuzz suites of both services, by the classes the message text rules
 * refuse, read from the running JDK's tables so that every code point of a class can come
 * up; and the test's own reading of those classes, to check that nothing of them is ever
 * stored.
 */
public final class HostileUnicode {

	/** U+1F3F4 WAVING BLACK FLAG, the base of a subdivision flag. */
	public static final String BLACK_FLAG = Character.toString(0x1F3F4);

	/** U+E007F CANCEL TAG, which ends a flag's tags. */
	public static final String CANCEL_TAG = Character.toString(0xE007F);

	/** The flag of Scotland: U+1F3F4, the tags g b s c t, U+E007F CANCEL TAG. */
	public static final String SCOTLAND = BLACK_FLAG + tags("gbsct") + CANCEL_TAG;

	/** MAN, WOMAN, GIRL joined by two zero-width joiners. */
	public static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

	private HostileUnicode() {
	}

	/** The tag characters that spell {@code ascii}, invisibly. */
	public static String tags(String ascii) {
		return ascii.chars().map((c) -> 0xE0000 + c).mapToObj(Character::toString).collect(Collectors.joining());
	}

	/**
	 * Whether no stored message may hold this code point, whatever surrounds it: a
	 * control, surrogate, private-use or unassigned code point, or a format character
	 * other than the two joiners and the tags an emoji flag is spelled with.
	 */
	public static boolean neverStored(int cp) {
		return switch (Character.getType(cp)) {
			case Character.CONTROL, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
			case Character.FORMAT -> cp != 0x200C && cp != 0x200D && (cp < 0xE0020 || cp > 0xE007F);
			default -> false;
		};
	}

	/** A class of code points the text rules refuse, with every code point in it. */
	public enum Refused {

		/** The tag block, U+E0000..U+E007F: invisible ASCII look-alikes. */
		TAG_CHARACTERS((cp) -> cp >= 0xE0000 && cp <= 0xE007F),

		/** Format characters (Cf): zero-width, bidi, byte order mark, tags, ... */
		FORMAT((cp) -> Character.getType(cp) == Character.FORMAT),

		/** Private use (Co): meaningful only by private agreement. */
		PRIVATE_USE((cp) -> Character.getType(cp) == Character.PRIVATE_USE),

		/** Unassigned (Cn) in the running JDK's Unicode version. */
		UNASSIGNED((cp) -> Character.getType(cp) == Character.UNASSIGNED),

		/** The 66 noncharacters: U+FDD0..U+FDEF and the last two of every plane. */
		NONCHARACTERS((cp) -> (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE);

		private final int[] codePoints;

		Refused(IntPredicate member) {
			this.codePoints = IntStream.rangeClosed(0, Character.MAX_CODE_POINT).filter(member).toArray();
		}

		/** How many code points the class has. */
		public int size() {
			return this.codePoints.length;
		}

		/** The code point at {@code index}, 0 to {@link #size()} - 1. */
		public int get(int index) {
			return this.codePoints[index];
		}

	}

}
