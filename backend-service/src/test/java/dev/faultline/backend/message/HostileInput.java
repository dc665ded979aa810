package dev.faultline.backend.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.faultline.testsupport.HostileUnicode;
import dev.faultline.testsupport.HostileUnicode.Refused;
import dev.faultline.text.MessageText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile input for the message API: tricky Unicode (whole categories of
 * it: tag characters, format characters, private use, unassigned), wrong JSON types,
 * duplicate keys, trailing garbage, invalid UTF-8, oversized bodies.
 */
final class HostileInput {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final ObjectWriter ESCAPING = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

	private HostileInput() {
	}

	/**
	 * Strings that test the text rules: tricky code points, white space, lengths around
	 * the limits.
	 */
	static Arbitrary<String> texts() {
		Arbitrary<String> tricky = Arbitraries
			.of('\u00A0', '\u200B', '\u202E', '\u2066', '\uD800', '\uDC00', '\uFFFD', '\uFFFF', '\uFEFF', '\u0000',
					'\n', '\t', ' ', '\u3000', '\u0085', 'a', 'Z', '<', '"', '\\', '\u200D', '\u200C', '\uFE0F',
					'\u00AD')
			.map(String::valueOf);
		Arbitrary<String> mixed = Arbitraries
			.frequencyOf(Tuple.of(3, Arbitraries.chars().all().map(String::valueOf)), Tuple.of(2, tricky),
					Tuple.of(2, refusedCodePoints().map(Character::toString)),
					Tuple.of(1,
							Arbitraries.of(HostileUnicode.SCOTLAND, HostileUnicode.FAMILY, HostileUnicode.BLACK_FLAG,
									HostileUnicode.CANCEL_TAG)))
			.list()
			.ofMaxSize(45)
			.map((parts) -> String.join("", parts));
		return Arbitraries.frequencyOf(Tuple.of(4, mixed),
				Tuple.of(3, Arbitraries.strings().alpha().numeric().withChars(' ').ofMinLength(1).ofMaxLength(50)),
				Tuple.of(1, Arbitraries.integers().between(35, 45).map((n) -> "\uD83D\uDE00".repeat(n))),
				Tuple.of(1, Arbitraries.integers().between(275, 290).map("x"::repeat)),
				Tuple.of(1,
						Arbitraries.of("", " ", "\u00A0", "\u200B", "\u200B\u00A0\u3000", " Ada ", "\u202EAda",
								"Ada" + HostileUnicode.tags("AB"), HostileUnicode.tags("Ada"),
								HostileUnicode.BLACK_FLAG + HostileUnicode.tags("GBSCT") + HostileUnicode.CANCEL_TAG,
								"Ada\u200D", "\uFE0F")));
	}

	/**
	 * Code points of the classes the rules refuse, every one of them possible: tag
	 * characters, other format characters, private use, unassigned (to the running JDK),
	 * noncharacters.
	 */
	static Arbitrary<Integer> refusedCodePoints() {
		return Arbitraries.frequencyOf(Tuple.of(2, from(Refused.TAG_CHARACTERS)), Tuple.of(2, from(Refused.FORMAT)),
				Tuple.of(2, from(Refused.PRIVATE_USE)), Tuple.of(2, from(Refused.UNASSIGNED)),
				Tuple.of(1, from(Refused.NONCHARACTERS)));
	}

	/** Query and path values: numbers in every notation, and text. */
	static Arbitrary<String> numbersAndText() {
		return Arbitraries.oneOf(Arbitraries.integers().between(-5, 120).map(String::valueOf),
				Arbitraries.of("0x10", "+5", "\u0665", "\uFF15", "1e3", "5.0", " 5", "5 ", "", "99999999999999999999",
						"-0", "007", "NaN", "Infinity", "%", "../1", "1;2"),
				Arbitraries.strings().all().ofMaxLength(12));
	}

	/**
	 * Bodies the rules accept: visible text in many scripts, emoji, up to the limits,
	 * with white space at the edges.
	 */
	static Arbitrary<Body> validBodies() {
		Arbitrary<String> letters = Arbitraries
			.of("a", "Z", "ü", "ß", "Д", "李", "م", "ก", "\uD83D\uDE00", "\uD83D\uDC69\u200D\uD83D\uDCBB", "7", "!", "<",
					"&", "\"", "\\", " ", "\u00A0", HostileUnicode.FAMILY, HostileUnicode.SCOTLAND, "\u2764\uFE0F",
					"\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645")
			.list()
			.ofMinSize(1)
			.ofMaxSize(30)
			.map((parts) -> String.join("", parts))
			.filter((text) -> MessageText.isVisible(text));
		Arbitrary<String> edges = Arbitraries.of("", " ", "\u00A0", "\u3000", "\t ");
		Arbitrary<String> author = Combinators.combine(edges, letters, edges)
			.as((a, b, c) -> a + b + c)
			.filter((text) -> MessageText.length(MessageText.trim(text)) <= MessageText.AUTHOR_MAX);
		Arbitrary<String> text = Arbitraries.oneOf(author, Arbitraries.integers().between(1, 280).map("x"::repeat),
				Arbitraries.integers().between(1, 280).map("\uD83D\uDE00"::repeat));
		return Combinators.combine(author, text, Arbitraries.of(true, false))
			.as((a, t, escaped) -> new Body(a, t,
					("{" + field("author", a, escaped) + "," + field("text", t, escaped) + "}")
						.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Message bodies: mostly JSON objects with hostile values, some malformed or not JSON
	 * at all.
	 */
	static Arbitrary<Body> messageBodies() {
		Arbitrary<Object> value = Arbitraries.frequencyOf(Tuple.of(8, texts().map((text) -> (Object) text)),
				Tuple.of(1, Arbitraries.<Object>of(42, 4.2, true, List.of("x"), Map.of("a", 1))),
				Tuple.of(1, Arbitraries.just((Object) null)));
		Arbitrary<Body> object = Combinators
			.combine(value, value, Arbitraries.integers().between(0, 9),
					Arbitraries.of("", "", "", "", " trailing", "{}", "]"))
			.as((author, text, shape, tail) -> object(author, text, shape, tail));
		Arbitrary<Body> raw = Arbitraries.oneOf(
				Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map((bytes) -> new Body(null, null, bytes)),
				Arbitraries.of("", "null", "[]", "\"text\"", "{", "{\"author\":", "{}", "42").map(HostileInput::utf8),
				Arbitraries
					.of(new byte[] { (byte) 0xC0, (byte) 0xAF }, new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0xAF },
							new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { (byte) 0xFF },
							new byte[] { (byte) 0x80 })
					.map(HostileInput::withInvalidUtf8),
				Arbitraries.integers()
					.between(16_300, 17_000)
					.map((n) -> utf8("{\"author\":\"A\",\"text\":\"" + "x".repeat(n) + "\"}")));
		return Arbitraries.frequencyOf(Tuple.of(8, object), Tuple.of(2, raw));
	}

	private static Body object(Object author, Object text, int shape, String tail) {
		boolean escaped = shape % 2 == 0;
		List<String> fields = new ArrayList<>();
		if (shape != 1) {
			fields.add(field("author", author, escaped));
		}
		if (shape != 2) {
			fields.add(field("text", text, escaped));
		}
		if (shape == 3) {
			fields.add(field("mood", "happy", escaped));
		}
		if (shape == 4) {
			fields.add(field("author", "Again", escaped));
		}
		String json = "{" + String.join(",", fields) + "}" + tail;
		boolean plain = (shape == 0 || shape >= 5) && tail.isEmpty() && author instanceof String
				&& text instanceof String;
		return new Body(plain ? (String) author : null, plain ? (String) text : null,
				json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * One JSON member. Escaped as {@code \\uXXXX} on request, and always when the value
	 * holds an unpaired surrogate, which only an escape can carry (UTF-8 cannot encode
	 * it).
	 */
	private static String field(String name, Object value, boolean escaped) {
		boolean escape = escaped || (value instanceof String text && hasUnpairedSurrogate(text));
		try {
			return JSON.writeValueAsString(name) + ":" + (escape ? ESCAPING : JSON.writer()).writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean hasUnpairedSurrogate(String text) {
		return text.codePoints().anyMatch((cp) -> Character.getType(cp) == Character.SURROGATE);
	}

	private static Body withInvalidUtf8(byte[] invalid) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes("{\"author\":\"A".getBytes(StandardCharsets.UTF_8));
		body.writeBytes(invalid);
		body.writeBytes("\",\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8));
		return new Body(null, null, body.toByteArray());
	}

	private static Body utf8(String text) {
		return new Body(null, null, text.getBytes(StandardCharsets.UTF_8));
	}

	private static Arbitrary<Integer> from(Refused refused) {
		return Arbitraries.integers().between(0, refused.size() - 1).map(refused::get);
	}

	/**
	 * A generated body.
	 *
	 * @param author the string author it carries, if it is a well-formed JSON object with
	 * string fields
	 * @param text the string text, likewise
	 * @param bytes what is sent
	 */
	record Body(String author, String text, byte[] bytes) {
	}

}
