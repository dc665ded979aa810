package dev.faultline.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.faultline.text.MessageText;

/**
 * Bodies for {@code POST /api/messages}: JSON objects with ordinary and hostile fields,
 * and every way a body can be wrong (shape, types, duplicates, nesting, size, encoding).
 */
final class MessageBodies extends Surface {

	MessageBodies(FuzzRun run) {
		super(run);
	}

	/**
	 * A request body, with the author and text it means (stripped, as the API stores
	 * them) when it means any.
	 */
	Body body() {
		Field author = this.values.field(MessageText.AUTHOR_MAX);
		Field text = this.values.field(MessageText.TEXT_MAX);
		boolean ascii = chance(20);
		String a = JsonText.quote(author.value(), ascii);
		String t = JsonText.quote(text.value(), ascii);
		Validity fields = author.validity().and(text.validity());
		String object = "{\"author\":" + a + ",\"text\":" + t + "}";
		int shape = this.random.nextInt(100);
		if (shape < 44) {
			return Body.json(object, author, text, fields);
		}
		if (shape < 47) {
			return Body.json("{\n\t\"text\" : " + t + " ,\n\t\"author\" : " + a + "\n}\n", author, text, fields);
		}
		if (shape < 49) {
			String n = String.valueOf(between(-5, 99999));
			return Body.json("{\"author\":\"" + n + "\",\"text\":\"" + n + ".5\"}", new Field(n, Validity.VALID),
					new Field(n + ".5", Validity.VALID), Validity.VALID);
		}
		if (shape < 52) {
			return Body.invalid(pick("{\"text\":" + t + "}", "{\"author\":" + a + "}", "{}"));
		}
		if (shape < 56) {
			return Body.invalid(
					"{\"author\":"
							+ a + ",\"text\":" + t + "," + pick("\"mood\":\"happy\"", "\"id\":1",
									"\"createdAt\":\"2026-01-01T00:00:00Z\"", "\"Author\":" + a, "\"author \":" + a)
							+ "}");
		}
		if (shape < 59) {
			return Body.invalid(pick("{\"author\":null,\"text\":" + t + "}", "{\"author\":" + a + ",\"text\":null}",
					"{\"author\":null,\"text\":null}"));
		}
		if (shape < 63) {
			String wrong = pick("42", "true", "false", "[\"Ada\"]", "{\"name\":\"Ada\"}", "1.5", "-0", "1e400", "[]");
			return Body.invalid(chance(50) ? "{\"author\":" + wrong + ",\"text\":" + t + "}"
					: "{\"author\":" + a + ",\"text\":" + wrong + "}");
		}
		if (shape < 66) {
			return Body.invalid(pick("{\"author\":" + a + ",\"author\":\"B\",\"text\":" + t + "}",
					"{\"author\":" + a + ",\"text\":" + t + ",\"text\":" + t + "}"));
		}
		if (shape < 69) {
			return Body.invalid(object + pick(" x", "{}", ",", "]", "}", "\u0000", "//c", "/*c*/", " null",
					"\n{\"author\":\"B\",\"text\":\"C\"}"));
		}
		if (shape < 70) {
			return Body.json(object + pick("   ", "\n", "\r\n\t"), author, text, fields);
		}
		if (shape < 73) {
			return Body.invalid(pick("null", "[]", "[" + object + "]", "\"Ada\"", "42", "true", "", "  ", "{",
					"{\"author\":", "nul", "{\"author\" \"Ada\"}", "{'author':'Ada','text':'x'}"));
		}
		if (shape < 75) {
			int depth = between(600, 7000);
			return Body
				.invalid(pick("{\"author\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"text\":\"x\"}",
						"{\"author\":\"A\",\"text\":\"x\",\"x\":" + "{\"x\":".repeat(depth / 2) + "0"
								+ "}".repeat(depth / 2) + "}"))
				.withNote("nesting depth " + depth);
		}
		if (shape < 79) {
			return huge(author, text, a, t, fields);
		}
		if (shape < 85) {
			return rawBytes();
		}
		if (shape < 88) {
			return Body.invalid("{\"AUTHOR\":" + a + ",\"Text\":" + t + "}");
		}
		if (shape < 91) {
			// Keys spelt with escapes are the same keys.
			return Body.json("{\"\\u0061uthor\":" + a + ",\"te\\u0078t\":" + t + "}", author, text, fields);
		}
		// Another encoding: a UTF-8 byte order mark, or UTF-16 (JSON parsers may detect
		// it).
		boolean utf16 = chance(50);
		byte[] bytes = utf16 ? object.getBytes(StandardCharsets.UTF_16) : Text
			.concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, object.getBytes(StandardCharsets.UTF_8));
		return new Body(bytes, utf16 ? "UTF-16 body" : "UTF-8 BOM body", author.stored(), text.stored(),
				fields.and(Validity.UNSURE));
	}

	/**
	 * Bodies around and far over the 16 KiB limit; exactly 16 KiB of a valid object is
	 * accepted.
	 */
	Body huge(Field author, Field text, String a, String t, Validity fields) {
		String object = "{\"author\":" + a + ",\"text\":" + t + "}";
		int objectBytes = object.getBytes(StandardCharsets.UTF_8).length;
		switch (this.random.nextInt(4)) {
			case 0 -> {
				return Body
					.json(object + " ".repeat(Math.max(0, FuzzRun.BODY_LIMIT - objectBytes)), author, text,
							(objectBytes <= FuzzRun.BODY_LIMIT) ? fields : Validity.INVALID)
					.withNote("exactly 16384 bytes");
			}
			case 1 -> {
				return Body.invalid(object + " ".repeat(Math.max(1, FuzzRun.BODY_LIMIT + 1 - objectBytes)))
					.withNote("16385 bytes");
			}
			case 2 -> {
				return Body.invalid("{\"author\":" + a + ",\"text\":\"" + "x".repeat(between(20_000, 200_000)) + "\"}")
					.withNote("text over 16 KiB");
			}
			default -> {
				return Body
					.invalid("{\"author\":" + a + ",\"text\":" + t + ",\"pad\":\"" + "y".repeat(1_000_000) + "\"}")
					.withNote("1 MB body");
			}
		}
	}

	/**
	 * A string holding bytes that are not UTF-8: overlong forms, surrogates, stray
	 * continuation bytes.
	 */
	Body rawBytes() {
		int[][] sequences = { { 0xC0, 0xAF }, { 0xE0, 0x80, 0xAF }, { 0xC1, 0x81 }, { 0xF0, 0x80, 0x80, 0xAF },
				{ 0xFF }, { 0xFE }, { 0x80 }, { 0xE2, 0x82 }, { 0xF8, 0x88, 0x80, 0x80, 0x80 },
				{ 0xF4, 0x90, 0x80, 0x80 }, { 0x00 }, { 0x0A }, { 0xED, 0xA0, 0x80 }, { 0xED, 0xB0, 0x80 } };
		int[] sequence = pick(sequences);
		boolean inAuthor = chance(50);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(
				(inAuthor ? "{\"author\":\"A" : "{\"author\":\"Ada\",\"text\":\"t").getBytes(StandardCharsets.UTF_8));
		for (int b : sequence) {
			bytes.write(b);
		}
		bytes.writeBytes((inAuthor ? "da\",\"text\":\"x\"}" : "ext\"}").getBytes(StandardCharsets.UTF_8));
		// An encoded surrogate (ED A0 80) is invalid UTF-8 too, but some decoders let it
		// through as a lone surrogate.
		Validity validity = (sequence[0] == 0xED) ? Validity.UNSURE : Validity.INVALID;
		return new Body(bytes.toByteArray(), "bytes "
				+ Arrays.stream(sequence).mapToObj((b) -> String.format("%02X", b)).collect(Collectors.joining(" ")),
				null, null, validity);
	}

}
