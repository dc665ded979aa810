package dev.faultline.fuzz;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Text helpers: excerpts for the report, encodings for requests. */
final class Text {

	private Text() {
	}

	/**
	 * At most {@code max} characters on one line: control and non-ASCII characters
	 * escaped.
	 */
	static String excerpt(String text, int max) {
		String escaped = escape(text);
		return (escaped.length() <= max) ? escaped : escaped.substring(0, max) + "...";
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length() && out.length() < 4000; i++) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < 0x7F) {
				out.append(c);
			}
			else if (c < 0x100) {
				out.append(String.format("\\x%02X", (int) c));
			}
			else {
				out.append(String.format("\\u%04X", (int) c));
			}
		}
		return out.toString();
	}

	/**
	 * The UTF-8 bytes of the text, one character per byte, for a socket that writes
	 * ISO-8859-1.
	 */
	static String latin1Of(String text) {
		return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
	}

	/**
	 * Form encoding in UTF-8, or null when the text has a lone surrogate (which UTF-8
	 * cannot carry).
	 */
	static String formEncode(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)
					&& (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
					|| Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
				return null;
			}
		}
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/**
	 * Form encoding that writes a lone surrogate as the three bytes of its code unit
	 * (invalid UTF-8).
	 */
	static String looseFormEncode(String text) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String encoded = formEncode(String.valueOf(c));
			if (encoded != null) {
				out.append(encoded);
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				out.append(URLEncoder.encode(text.substring(i, i + 2), StandardCharsets.UTF_8));
				i++;
			}
			else {
				out.append(String.format("%%%02X%%%02X%%%02X", 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F),
						0x80 | (c & 0x3F)));
			}
		}
		return out.toString();
	}

	/**
	 * Undoes form encoding into bytes, one character per byte (a malformed escape stays
	 * as it is).
	 */
	static String formDecodeToLatin1(String encoded) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c == '+') {
				bytes.write(' ');
			}
			else if (c == '%' && isHex(encoded, i + 1) && isHex(encoded, i + 2)) {
				bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				bytes.write(c);
			}
		}
		return bytes.toString(StandardCharsets.ISO_8859_1);
	}

	private static boolean isHex(String text, int index) {
		return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
	}

	/**
	 * The text in bash's $'...' quoting, every byte above 0x7E and every control
	 * character escaped.
	 */
	static String bashQuote(String latin1) {
		StringBuilder out = new StringBuilder("$'");
		for (char c : latin1.toCharArray()) {
			if (c == '\'' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c >= 0x20 && c < 0x7F) {
				out.append(c);
			}
			else {
				out.append(String.format("\\x%02x", (int) c & 0xFF));
			}
		}
		return out.append('\'').toString();
	}

	static int indexOf(byte[] haystack, byte[] needle, int from) {
		outer: for (int i = from; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
