package dev.faultline.fuzz;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The encodings the generators write by hand, read back by what the services use. */
class TextTests {

	@Test
	void quotesJsonThatJacksonReadsBackAsTheSameText() {
		String text = "Zoë \"quoted\" \\ \n\t😀 李";
		assertThat(JsonAnswers.parse(JsonText.quote(text, false)).textValue()).isEqualTo(text);
		String ascii = JsonText.quote(text, true);
		assertThat(ascii.chars()).allMatch((c) -> c >= 0x20 && c < 0x7F);
		assertThat(JsonAnswers.parse(ascii).textValue()).isEqualTo(text);
	}

	@Test
	void writesALoneSurrogateAsAnEscapeSinceUtf8CannotCarryIt() {
		assertThat(JsonText.quote("a\uD800b", false)).isEqualTo("\"a\\ud800b\"");
		assertThat(Text.formEncode("a\uD800b")).isNull();
		assertThat(Text.looseFormEncode("a\uD800b")).isEqualTo("a%ED%A0%80b");
		assertThat(Text.formEncode("😀 &")).isEqualTo("%F0%9F%98%80+%26");
	}

	@Test
	void quotesForBashAndDecodesFormsToBytes() {
		assertThat(Text.bashQuote("it's\u00ff\n")).isEqualTo("$'it\\'s\\xff\\x0a'");
		assertThat(Text.formDecodeToLatin1("a+%C3%A9%ZZ")).isEqualTo("a \u00C3\u00A9%ZZ");
		assertThat(Text.excerpt("é".repeat(10), 8)).isEqualTo("\\xE9\\xE9...");
	}

}
