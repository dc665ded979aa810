package dev.faultline.backend.message;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.backend.testsupport.BackendFuzzing;
import dev.faultline.backend.testsupport.ProblemAnswers;
import dev.faultline.testsupport.HostileUnicode;
import dev.faultline.text.MessageText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the message API over real HTTP with generated hostile input: every post is
 * either stored exactly as sent (trimmed) or refused with a problem naming the field, and
 * stores nothing then; no input gets a 5xx or logs an ERROR, and no stored message holds
 * a code point of a refused category (format, private use, unassigned, ...). Seeded, so a
 * failure is reproducible.
 */
class MessageApiFuzzIntegrationTests extends BackendFuzzing {

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * A key shared by some posts, so replays and reuse with another body are fuzzed too.
	 */
	private static final String SHARED_KEY = "fuzz-shared-key";

	@Property(tries = 400, seed = "20261129")
	void everyPostIsStoredAsSentOrRefusedWithAProblemAndNothingStored(@ForAll("posts") Post post) throws Exception {
		long before = rows();
		HttpRequest.Builder request = HttpRequest.newBuilder(backend.api().uri("/api/messages"))
			.POST(HttpRequest.BodyPublishers.ofByteArray(post.body()));
		if (post.contentType() != null) {
			request.header("Content-Type", post.contentType());
		}
		if (post.key() != null) {
			request.header("Idempotency-Key", post.key());
		}

		HttpResponse<String> answer = backend.api().send(request);

		ProblemAnswers.assertNoServerErrorAndProblemJson(answer, post.toString());
		if (answer.statusCode() == 201) {
			JsonNode created = JSON.readTree(answer.body());
			boolean replayed = answer.headers().firstValue("Idempotent-Replayed").isPresent();
			assertThat(rows()).as(post.toString()).isEqualTo(replayed ? before : before + 1);
			Map<String, Object> stored = backend.jdbc()
				.sql("select author, text from messages where id = ?")
				.param(created.get("id").asLong())
				.query()
				.singleRow();
			// Whatever was accepted keeps the rules: nothing invisible, refused or too
			// long is ever stored.
			for (String field : new String[] { "author", "text" }) {
				String value = created.get(field).asText();
				assertThat(MessageText.isVisible(value)).as("%s visible in %s", field, post).isTrue();
				assertThat(MessageText.firstForbidden(value)).as("%s plain in %s", field, post).isEqualTo(-1);
				assertThat(value.codePoints().filter(HostileUnicode::neverStored).boxed().toList())
					.as("%s refused categories in %s", field, post)
					.isEmpty();
				assertThat(MessageText.length(value)).as("%s length in %s", field, post)
					.isLessThanOrEqualTo(field.equals("author") ? MessageText.AUTHOR_MAX : MessageText.TEXT_MAX);
			}
			assertThat(stored).containsEntry("AUTHOR", created.get("author").asText())
				.containsEntry("TEXT", created.get("text").asText());
			if (!replayed && post.author() != null) {
				assertThat(created.get("author").asText()).isEqualTo(MessageText.trim(post.author()));
				assertThat(created.get("text").asText()).isEqualTo(MessageText.trim(post.text()));
			}
		}
		else {
			assertThat(answer.statusCode()).as(post.toString()).isBetween(400, 499);
			assertThat(rows()).as("nothing stored by a refused %s", post).isEqualTo(before);
		}
		assertThat(errorLog.errors()).as(post.toString()).isEmpty();
	}

	/**
	 * The other side: every post the rules allow, in any script and up to the limits, is
	 * stored exactly, trimmed.
	 */
	@Property(tries = 150, seed = "20261129")
	void everyValidPostIsStoredAsSentTrimmed(@ForAll("validPosts") HostileInput.Body body) throws Exception {
		HttpResponse<String> answer = backend.api()
			.send(HttpRequest.newBuilder(backend.api().uri("/api/messages"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));

		assertThat(answer.statusCode()).as("%s: %s", body.author(), answer.body()).isEqualTo(201);
		JsonNode created = JSON.readTree(answer.body());
		assertThat(created.get("author").asText()).isEqualTo(MessageText.trim(body.author()));
		assertThat(created.get("text").asText()).isEqualTo(MessageText.trim(body.text()));
		assertThat(errorLog.errors()).isEmpty();
	}

	@Provide
	Arbitrary<HostileInput.Body> validPosts() {
		return HostileInput.validBodies();
	}

	@Property(tries = 300, seed = "20261129")
	void everyReadIsAnswerOrProblemNamingTheParameter(@ForAll("reads") String pathAndQuery) throws Exception {
		HttpResponse<String> answer = backend.api().get(pathAndQuery);

		JsonNode problem = ProblemAnswers.assertNoServerErrorAndProblemJson(answer, pathAndQuery);
		if (problem != null && problem.has("errors")) {
			assertThat(problem.get("errors").findValuesAsText("field")).as(pathAndQuery).isSubsetOf("limit", "id");
		}
		assertThat(errorLog.errors()).as(pathAndQuery).isEmpty();
	}

	@Provide
	Arbitrary<Post> posts() {
		Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just((String) null)),
				Tuple.of(3, Arbitraries.strings().withCharRange('a', 'z').ofLength(24)),
				Tuple.of(2, Arbitraries.just(SHARED_KEY)),
				Tuple.of(1, Arbitraries.of("", " ", "x".repeat(65), "a b", "tab\there", "{}", "%C3%A4")));
		Arbitrary<String> contentType = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("application/json")),
				Tuple.of(1, Arbitraries.just("application/json; charset=utf-8")),
				Tuple.of(1, Arbitraries.just((String) null)),
				Tuple.of(2, Arbitraries.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
						"application/x-www-form-urlencoded", "a/b/c", ";;", "application/problem+json")));
		return Combinators.combine(HostileInput.messageBodies(), contentType, key)
			.as((body, type, k) -> new Post(body.author(), body.text(), body.bytes(), type, k));
	}

	@Provide
	Arbitrary<String> reads() {
		Arbitrary<String> value = HostileInput.numbersAndText()
			.map((text) -> URLEncoder.encode(text, StandardCharsets.UTF_8));
		return Arbitraries.oneOf(value.map((v) -> "/api/messages?limit=" + v),
				Combinators.combine(value, value).as((a, b) -> "/api/messages?limit=" + a + "&limit=" + b),
				// Tomcat itself refuses an encoded /, \\ or NUL in a path (400) before
				// any of our code runs.
				value
					.filter((v) -> !v.isEmpty() && !v.equals(".") && !v.equals("..") && !v.contains("%2F")
							&& !v.contains("%5C") && !v.contains("%00"))
					.map((v) -> "/api/messages/" + v),
				value.map((v) -> "/api/messages?" + v + "=1"));
	}

	private static long rows() {
		return backend.jdbc().sql("select count(*) from messages").query(Long.class).single();
	}

	/**
	 * One generated post.
	 *
	 * @param author the author it carries when it is a JSON object with a string author,
	 * else {@code null}
	 * @param text the text, likewise
	 * @param body the bytes sent
	 * @param contentType the Content-Type, or {@code null} for none
	 * @param key the Idempotency-Key, or {@code null} for none
	 */
	record Post(String author, String text, byte[] body, String contentType, String key) {

		@Override
		public String toString() {
			String shown = new String(this.body, StandardCharsets.UTF_8);
			return "POST " + this.contentType + " key=" + this.key + " body="
					+ ((shown.length() > 300) ? shown.substring(0, 300) + "..." : shown);
		}

	}

}
