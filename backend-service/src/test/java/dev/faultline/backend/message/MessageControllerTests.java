package dev.faultline.backend.message;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.AbstractJsonContentAssert;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * Slice tests of {@link MessageController}: the HTTP contract, and a problem+json answer
 * for every bad input.
 */
@WebMvcTest(MessageController.class)
class MessageControllerTests {

	private static final Message ADA = new Message(7L, "Ada", "Hello", Instant.parse("2026-01-01T09:00:00Z"));

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private MessageService messages;

	@Test
	void listsNewestMessagesWithDefaultLimitOfTwenty() {
		given(this.messages.newest(20)).willReturn(List.of(ADA));
		assertThat(this.mvc.get().uri("/api/messages")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo(
					"[{\"id\":7,\"author\":\"Ada\",\"text\":\"Hello\",\"createdAt\":\"2026-01-01T09:00:00Z\"}]");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 50, 100 })
	void acceptsLimitsFromOneToOneHundred(int limit) {
		given(this.messages.newest(limit)).willReturn(List.of(ADA));
		assertThat(this.mvc.get().uri("/api/messages?limit=" + limit)).hasStatusOk();
		then(this.messages).should().newest(limit);
	}

	@ParameterizedTest
	@CsvSource({ "0, min", "101, max", "-5, min", "abc, type", "1.5, type" })
	void rejectsLimitOutsideOneToOneHundredNamingTheRule(String limit, String rule) {
		MvcTestResult result = this.mvc.get().uri("/api/messages?limit=" + limit).exchange();
		assertThatProblem(result, HttpStatus.BAD_REQUEST).extractingPath("$.errors[0].field").isEqualTo("limit");
		assertThat(result).bodyJson().extractingPath("$.errors[0].rule").isEqualTo(rule);
		then(this.messages).should(never()).newest(any(Integer.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0x10", "+5", "%D9%A5", "5%20", "1e1", "99999999999", "99999999999999999999" })
	void acceptsOnlyPlainAsciiDecimalLimits(String limit) {
		// A URI, not a template: MockMvc would encode the % of %D9%A5 again.
		MvcTestResult result = this.mvc.get().uri(URI.create("/api/messages?limit=" + limit)).exchange();
		assertThatProblem(result, HttpStatus.BAD_REQUEST).extractingPath("$.errors[0].field").isEqualTo("limit");
		assertThat(result).bodyJson().extractingPath("$.errors[0].rule").isEqualTo("type");
		then(this.messages).shouldHaveNoInteractions();
	}

	@Test
	void rejectsAParameterGivenTwiceInsteadOfTakingTheFirst() {
		MvcTestResult result = this.mvc.get().uri("/api/messages?limit=5&limit=abc").exchange();
		assertThatProblem(result, HttpStatus.BAD_REQUEST).extractingPath("$.errors[0].field").isEqualTo("limit");
		assertThat(result).bodyJson().extractingPath("$.errors[0].rule").isEqualTo("single-value");
		then(this.messages).shouldHaveNoInteractions();
	}

	@Test
	void answersWithNoSniffSoThatNoBrowserGuessesTheType() {
		given(this.messages.newest(20)).willReturn(List.of(ADA));
		assertThat(this.mvc.get().uri("/api/messages")).hasHeader("X-Content-Type-Options", "nosniff");
	}

	@Test
	void returnsOneMessageById() {
		given(this.messages.find(7L)).willReturn(ADA);
		assertThat(this.mvc.get().uri("/api/messages/7")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.author")
			.isEqualTo("Ada");
	}

	@Test
	void answersUnknownIdWithNotFoundProblem() {
		given(this.messages.find(404L)).willThrow(new MessageNotFoundException(404L));
		MvcTestResult result = this.mvc.get().uri("/api/messages/404").exchange();
		assertThatProblem(result, HttpStatus.NOT_FOUND).extractingPath("$.detail").asString().contains("404");
	}

	@ParameterizedTest
	@ValueSource(strings = { "seven", "0x1", "+1", "%D9%A1", "1.0" })
	void rejectsAnIdThatIsNotAPlainDecimalNamingTheField(String id) {
		MvcTestResult result = this.mvc.get().uri(URI.create("/api/messages/" + id)).exchange();
		assertThatProblem(result, HttpStatus.BAD_REQUEST).extractingPath("$.errors[0].field").isEqualTo("id");
		then(this.messages).shouldHaveNoInteractions();
	}

	@Test
	void createsMessageWithLocationHeader() {
		given(this.messages.create(eq(new NewMessage("Ada", "Hello")), isNull()))
			.willReturn(new MessageService.Creation(ADA, false));
		MvcTestResult result = post("{\"author\":\"Ada\",\"text\":\"Hello\"}");
		assertThat(result).hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "/api/messages/7")
			.doesNotContainHeader(MessageController.IDEMPOTENT_REPLAYED);
		assertThat(result).bodyJson().extractingPath("$.id").isEqualTo(7);
	}

	@Test
	void locationNeverFollowsTheHostHeader() {
		given(this.messages.create(eq(new NewMessage("Ada", "Hello")), isNull()))
			.willReturn(new MessageService.Creation(ADA, false));
		MvcTestResult result = this.mvc.post()
			.uri("/api/messages")
			.header("Host", "evil.example")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"author\":\"Ada\",\"text\":\"Hello\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED).hasHeader("Location", "/api/messages/7");
	}

	@Test
	void trimsAuthorAndTextBeforeStoring() {
		given(this.messages.create(eq(new NewMessage("Ada", "Hello")), isNull()))
			.willReturn(new MessageService.Creation(ADA, false));
		assertThat(post("{\"author\":\"  Ada \",\"text\":\"\\tHello  \"}")).hasStatus(HttpStatus.CREATED);
		then(this.messages).should().create(new NewMessage("Ada", "Hello"), null);
	}

	@Test
	void countsLengthInCodePointsSoFortyEmojiAreAValidAuthor() {
		String emoji = "\uD83D\uDE00".repeat(40);
		given(this.messages.create(eq(new NewMessage(emoji, "Hello")), isNull()))
			.willReturn(new MessageService.Creation(ADA, false));
		assertThat(post("{\"author\":\"" + emoji + "\",\"text\":\"Hello\"}")).hasStatus(HttpStatus.CREATED);
		then(this.messages).should().create(new NewMessage(emoji, "Hello"), null);
	}

	@Test
	void trimsUnicodeWhiteSpaceSuchAsTheNoBreakSpace() {
		given(this.messages.create(eq(new NewMessage("Ada", "Hello")), isNull()))
			.willReturn(new MessageService.Creation(ADA, false));
		assertThat(post("{\"author\":\"\u00A0Ada\u3000\",\"text\":\"Hello\"}")).hasStatus(HttpStatus.CREATED);
		then(this.messages).should().create(new NewMessage("Ada", "Hello"), null);
	}

	@Test
	void rejectsABodyThatIsNotValidUtf8SuchAsAnOverlongSlash() {
		byte[] overlong = "{\"author\":\"A\",\"text\":\"x?\"}".getBytes(StandardCharsets.US_ASCII);
		int at = new String(overlong, StandardCharsets.US_ASCII).indexOf('?');
		byte[] body = new byte[overlong.length + 1];
		System.arraycopy(overlong, 0, body, 0, at);
		body[at] = (byte) 0xC0;
		body[at + 1] = (byte) 0xAF;
		System.arraycopy(overlong, at + 1, body, at + 2, overlong.length - at - 1);
		MvcTestResult result = this.mvc.post()
			.uri("/api/messages")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
		assertThatProblem(result, HttpStatus.BAD_REQUEST).extractingPath("$.detail").asString().contains("UTF-8");
		then(this.messages).shouldHaveNoInteractions();
	}

	@Test
	void passesIdempotencyKeyAndMarksReplays() {
		given(this.messages.create(new NewMessage("Ada", "Hello"), "key-1"))
			.willReturn(new MessageService.Creation(ADA, true));
		MvcTestResult result = this.mvc.post()
			.uri("/api/messages")
			.contentType(MediaType.APPLICATION_JSON)
			.header(MessageController.IDEMPOTENCY_KEY, "key-1")
			.content("{\"author\":\"Ada\",\"text\":\"Hello\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED).hasHeader(MessageController.IDEMPOTENT_REPLAYED, "true");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "has space", "ümlaut",
			"0123456789012345678901234567890123456789012345678901234567890123456789" })
	void rejectsIdempotencyKeyThatIsNotOneToSixtyFourVisibleAsciiCharacters(String key) {
		MvcTestResult result = this.mvc.post()
			.uri("/api/messages")
			.contentType(MediaType.APPLICATION_JSON)
			.header(MessageController.IDEMPOTENCY_KEY, key)
			.content("{\"author\":\"Ada\",\"text\":\"Hello\"}")
			.exchange();
		assertThatProblem(result, HttpStatus.BAD_REQUEST).extractingPath("$.errors[0].field")
			.isEqualTo(MessageController.IDEMPOTENCY_KEY);
		then(this.messages).shouldHaveNoInteractions();
	}

	@Test
	void answersReusedKeyWithDifferentBodyWithUnprocessableProblem() {
		given(this.messages.create(any(), eq("key-1"))).willThrow(new IdempotencyKeyReusedException("key-1"));
		MvcTestResult result = this.mvc.post()
			.uri("/api/messages")
			.contentType(MediaType.APPLICATION_JSON)
			.header(MessageController.IDEMPOTENCY_KEY, "key-1")
			.content("{\"author\":\"Ada\",\"text\":\"Other\"}")
			.exchange();
		assertThatProblem(result, HttpStatus.UNPROCESSABLE_ENTITY).extractingPath("$.errors[0].rule")
			.isEqualTo("same-request");
	}

	@ParameterizedTest(name = "{0} -> {1}/{2}")
	@CsvSource(delimiter = '|', textBlock = """
			{"text":"Hello"}                                  | author | not-null
			{"author":"   ","text":"Hello"}                   | author | visible
			{"author":"\\u3164\\u00A0","text":"Hello"}        | author | visible
			{"author":"12345678901234567890123456789012345678901","text":"Hello"} | author | max-code-points
			{"author":"Ada\\u0007","text":"Hello"}             | author | plain-text
			{"author":"\\u202Eevil","text":"Hello"}            | author | plain-text
			{"author":"Ada\\ud800","text":"Hello"}             | author | plain-text
			{"author":"Ada\\udb40\\udc41\\udb40\\udc42","text":"Hello"} | author | plain-text
			{"author":"Ada\\u200B","text":"Hello"}             | author | plain-text
			{"author":"Ada","text":"private \\ue000 use"}      | text   | plain-text
			{"author":"Ada","text":"unassigned \\u0378"}       | text   | plain-text
			{"author":"Ada","text":"stray joiner \\u200D"}     | text   | plain-text
			{"author":"Ada"}                                  | text   | not-null
			{"author":"Ada","text":""}                        | text   | visible
			{"author":"Ada","text":"line\\nbreak"}             | text   | plain-text
			{"author":"A","text":"x","author":"B"}            | author | duplicate
			{"author":42,"text":"Hello"}                      | author | type
			{"author":"Ada","text":["Hello"]}                  | text   | type
			{"author":"Ada","text":"Hello","mood":"happy"}    | mood   | unknown-field
			""")
	void rejectsInvalidMessageNamingFieldAndRule(String body, String field, String rule) {
		MvcTestResult result = post(body);
		assertThatProblem(result, HttpStatus.BAD_REQUEST).extractingPath("$.errors[0].field").isEqualTo(field);
		assertThat(result).bodyJson().extractingPath("$.errors[0].rule").isEqualTo(rule);
		then(this.messages).shouldHaveNoInteractions();
	}

	@Test
	void rejectsTextLongerThan280Characters() {
		MvcTestResult result = post("{\"author\":\"Ada\",\"text\":\"" + "x".repeat(281) + "\"}");
		assertThatProblem(result, HttpStatus.BAD_REQUEST).extractingPath("$.errors[0].field").isEqualTo("text");
	}

	@Test
	void listsEveryBrokenRuleAtOnce() {
		MvcTestResult result = post("{\"author\":\"\",\"text\":\"\"}");
		assertThatProblem(result, HttpStatus.BAD_REQUEST).extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("author", "text");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"author\":", "not json", "[]", "\"text\"", "",
			"{\"author\":\"A\",\"text\":\"x\"} trailing", "{\"author\":\"A\",\"text\":\"x\"}{}" })
	void rejectsBodyThatIsNotAJsonObject(String body) {
		assertThatProblem(post(body), HttpStatus.BAD_REQUEST).extractingPath("$.title")
			.isEqualTo("Malformed request body");
		then(this.messages).shouldHaveNoInteractions();
	}

	@Test
	void rejectsNonJsonContentTypeWithUnsupportedMediaType() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/messages")
			.contentType(MediaType.TEXT_PLAIN)
			.content("Hello")
			.exchange();
		assertThatProblem(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	@Test
	void acceptsUtf8DeclaredWithAQuotedCharset() {
		given(this.messages.create(eq(new NewMessage("Ada", "Hello")), isNull()))
			.willReturn(new MessageService.Creation(ADA, false));
		MvcTestResult result = this.mvc.post()
			.uri("/api/messages")
			.contentType("application/json;charset=\"UTF-8\"")
			.content("{\"author\":\"Ada\",\"text\":\"Hello\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED);
	}

	@Test
	void refusesAJsonBodyDeclaredInAnotherCharsetInsteadOfStoringOtherCharacters() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/messages")
			.contentType("application/json;charset=ISO-8859-1")
			.content("{\"author\":\"Ngũgĩ\",\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8))
			.exchange();
		assertThatProblem(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE).extractingPath("$.detail")
			.asString()
			.contains("UTF-8");
		then(this.messages).shouldHaveNoInteractions();
	}

	@Test
	void rejectsWrongMethodWithMethodNotAllowed() {
		assertThatProblem(this.mvc.delete().uri("/api/messages/7").exchange(), HttpStatus.METHOD_NOT_ALLOWED);
	}

	@Test
	void rejectsBodyOverSixteenKilobytesWithPayloadTooLarge() {
		MvcTestResult result = post("{\"author\":\"Ada\",\"text\":\"" + "x".repeat(16 * 1024) + "\"}");
		assertThatProblem(result, HttpStatus.PAYLOAD_TOO_LARGE);
		then(this.messages).shouldHaveNoInteractions();
	}

	private MvcTestResult post(String body) {
		return this.mvc.post().uri("/api/messages").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	private static AbstractJsonContentAssert<?> assertThatProblem(MvcTestResult result, HttpStatus status) {
		assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status.value());
		assertThat(result).bodyJson().extractingPath("$.type").asString().isNotBlank();
		assertThat(result).bodyJson().extractingPath("$.title").asString().isNotBlank();
		assertThat(result).bodyJson().extractingPath("$.detail").asString().isNotBlank();
		return assertThat(result).bodyJson();
	}

}
