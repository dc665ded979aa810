package dev.faultline.fuzz;

/**
 * Writes JSON strings for generated requests by hand, since a request may need what a
 * JSON library will not write: a lone surrogate as {@code \\uXXXX}, or every non-ASCII
 * character escaped.
 */
final class JsonText {

	private JsonText() {
	}

	/**
	 * A JSON string for the value: quotes, backslashes and control characters escaped,
	 * lone surrogates as {@code \\uXXXX} (UTF-8 cannot carry them), and with
	 * {@code ascii} every other non-ASCII character too.
	 */
	static String quote(String value, boolean ascii) {
		StringBuilder out = new StringBuilder("\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean paired = (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1)))
					|| (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)));
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20 || (ascii && c > 0x7E) || (Character.isSurrogate(c) && !paired)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

}
