import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A seeded black-box fuzzer for Faultline's two services, run against the real jars by {@code scripts/fuzz.sh}.
 * <p>
 * Three phases, in this order: the backend's message API ({@code /api/messages}); the UI (pages, the JSON feed, the
 * posting form, the dashboard's controls, actuator); and last the backend's chaos API on its management port, so that
 * a fault installed by a fuzzed request cannot disturb the other phases (every accepted change is undone at once with
 * {@code DELETE /chaos}). The same seed sends the same requests; only idempotency keys carry a per-run prefix, so that
 * a rerun against the same database is not answered with the previous run's replays.
 * <p>
 * Every answer is judged:
 * <ul>
 * <li>a 5xx is a defect;</li>
 * <li>a 4xx must be {@code application/problem+json} whose {@code status} member is the HTTP status, and a
 * validation problem ({@code type} ending in {@code /validation}) must name a non-empty {@code field} for each of its
 * {@code errors}. Excused: Tomcat's own HTML 400 for a request line it refuses before any application code runs
 * (counted apart), and on the UI a {@code text/html} page answering a page request or a form post;</li>
 * <li>input the contract surely accepts must be accepted, input it surely refuses must be refused (the generators
 * say which; many inputs the contract leaves open are only required not to break anything);</li>
 * <li>nothing is lost: every {@code 201} can be read back by its id as it was answered, also at the end of the run;
 * a refused post stores nothing; a form post answered with a redirect stores exactly one message (none when its
 * idempotency key was used before with the same message).</li>
 * </ul>
 * Timeouts and connections closed without an answer are counted on their own, not as defects; so are requests the
 * harness makes to check outcomes ("oracle" requests, not part of {@code --requests}).
 * <p>
 * Usage: {@code java Fuzz.java --seed N --requests N --backend URL --management URL --ui URL}, each URL of the form
 * {@code http://127.0.0.1:PORT}: no other host is accepted. Exit status 0 without defects, 1 with defects, 2 when
 * the harness itself failed (bad arguments, services not reachable, an error in a check).
 */
public final class Fuzz {

	/** The bound of every request: connecting, and the whole answer. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** The contract's limits (README, Backend API): code points after trimming, and the API's body size. */
	static final int AUTHOR_MAX = 40;

	static final int TEXT_MAX = 280;

	static final int BODY_LIMIT = 16 * 1024;

	/** What a browser sends as {@code Accept} for a page. */
	static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private final Options options;

	private final Random random;

	private final Http http = new Http();

	private final Report report = new Report();

	private final Ledger ledger;

	private final Values values;

	private final String keyPrefix;

	private int keyCounter;

	Fuzz(Options options) {
		this.options = options;
		this.random = new Random(options.seed());
		this.values = new Values(this.random);
		this.ledger = new Ledger();
		this.keyPrefix = "fz" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-";
	}

	public static void main(String[] args) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("Fuzz: " + ex.getMessage());
			System.err.println("usage: java Fuzz.java --seed N --requests N --backend URL --management URL --ui URL"
					+ "  (URLs http://127.0.0.1:PORT)");
			System.exit(2);
			return;
		}
		System.exit(new Fuzz(options).run());
	}

	/** Runs the three phases, checks that nothing was lost, prints the report; returns the exit status. */
	int run() {
		long started = System.nanoTime();
		int messages = this.options.requests() * 40 / 100;
		int ui = this.options.requests() * 35 / 100;
		int chaos = this.options.requests() - messages - ui;
		System.out.printf("Fuzz: seed %d, %d requests (message API %d, UI %d, chaos API %d), key prefix %s%n",
				this.options.seed(), this.options.requests(), messages, ui, chaos, this.keyPrefix);
		if (!this.ledger.start()) {
			System.out.println("Fuzz: the backend does not list its messages; is it running? Nothing fuzzed.");
			return 2;
		}
		new MessageApiFuzzer().run(messages);
		new UiFuzzer().run(ui);
		new ChaosFuzzer().run(chaos);
		this.ledger.finalSweep();
		this.report.print(this.options, this.ledger, Duration.ofNanos(System.nanoTime() - started));
		return this.report.exitStatus();
	}

	// ------------------------------------------------------------------------------------------------ sending

	/** Sends a generated request and judges its answer by the general rules. */
	private Answer fuzz(Probe probe) {
		Answer answer = this.http.send(probe);
		this.report.judge(probe, answer);
		return answer;
	}

	/**
	 * Sends a request the harness needs to check an outcome: not judged, not part of the budget, and tried again
	 * (three times in all) when the connection closes without an answer.
	 */
	private Answer oracle(Probe probe) {
		Answer answer = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			this.report.oracleRequests++;
			answer = this.http.send(probe);
			if (answer.outcome() != Outcome.NO_ANSWER) {
				return answer;
			}
			pause(200);
		}
		return answer;
	}

	private Probe backend(String method, String target) {
		return new Probe(Api.MESSAGES, method, this.options.backend(), target);
	}

	private Probe management(String method, String target) {
		return new Probe(Api.CHAOS, method, this.options.management(), target);
	}

	private Probe ui(String method, String target) {
		return new Probe(Api.UI, method, this.options.ui(), target);
	}

	/** Removes every fault from the backend (an oracle request). */
	private void clearChaos() {
		Answer answer = oracle(management("DELETE", "/chaos"));
		if (!answer.is(2)) {
			this.report.oracleFailure("DELETE /chaos", answer);
		}
	}

	/** After a refused change, checks that no fault is installed; removes any it finds. */
	private void expectNoFault(Probe cause, Answer causeAnswer) {
		Answer state = oracle(management("GET", "/chaos"));
		if (!state.is(2)) {
			this.report.oracleFailure("GET /chaos", state);
			return;
		}
		Object faults = Json.member(Json.parseOrNull(state.text()), "faults");
		if (faults instanceof List<?> list && !list.isEmpty()) {
			this.report.defect(Kind.CHAOS_LEFT, cause, causeAnswer, "afterwards GET /chaos lists "
					+ Text.excerpt(state.text().replaceAll("\\s+", " "), 120));
			clearChaos();
		}
	}

	// ------------------------------------------------------------------------------------------------ helpers

	private boolean chance(int percent) {
		return this.random.nextInt(100) < percent;
	}

	private int between(int min, int max) {
		return min + this.random.nextInt(max - min + 1);
	}

	@SafeVarargs
	private <T> T pick(T... items) {
		return items[this.random.nextInt(items.length)];
	}

	private <T> T pick(List<T> items) {
		return items.get(this.random.nextInt(items.size()));
	}

	/** A valid idempotency key never used before: 1..64 visible ASCII characters, sometimes exactly 64. */
	private String freshKey() {
		String key = this.keyPrefix + (++this.keyCounter) + "-";
		int length = chance(15) ? 64 : between(key.length(), 40);
		StringBuilder builder = new StringBuilder(key);
		while (builder.length() < length) {
			builder.append((char) between(0x21, 0x7E));
		}
		return builder.toString();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Runs one step of a phase; an error in the harness's own code is reported as such and the phase goes on. */
	private void step(Runnable step) {
		try {
			step.run();
		}
		catch (RuntimeException ex) {
			this.report.harnessError(ex);
		}
	}

	// ================================================================================================ message API

	/** {@code /api/messages} on the backend's API port: creation, listing, reading one, and everything around. */
	final class MessageApiFuzzer {

		void run(int quota) {
			for (int i = 0; i < quota; i++) {
				int dice = Fuzz.this.random.nextInt(100);
				step(() -> {
					if (dice < 62) {
						create(creation());
					}
					else if (dice < 72) {
						fuzz(list());
					}
					else if (dice < 81) {
						fuzz(one());
					}
					else if (dice < 87) {
						fuzz(oddRequestLine());
					}
					else {
						Probe probe = elsewhere();
						Answer answer = fuzz(probe);
						if (probe.target.startsWith("/chaos") && answer.is(2)) {
							clearChaos();
						}
					}
				});
			}
		}

		// ---------------------------------------------------------------- POST /api/messages

		/** Sends a creation and checks what it stored against what it answered. */
		private void create(Creation creation) {
			Answer answer = fuzz(creation.probe());
			List<Stored> fresh = Fuzz.this.ledger.fresh();
			if (!answer.answered()) {
				Fuzz.this.ledger.unknownOutcome(fresh);
				return;
			}
			if (answer.status() != 201) {
				for (Stored stored : fresh) {
					Fuzz.this.report.defect(Kind.UNEXPECTED_STORED, creation.probe(), answer, "stored as id " + stored.id());
				}
				return;
			}
			Stored answered = Stored.of(Json.parseOrNull(answer.text()));
			if (answered == null) {
				Fuzz.this.report.defect(Kind.LOST, creation.probe(), answer, "201 without a message in its body");
				return;
			}
			String location = answer.header("location");
			if (!("/api/messages/" + answered.id()).equals(location)) {
				Fuzz.this.report.defect(Kind.LOCATION, creation.probe(), answer, "Location " + location);
			}
			boolean replayed = "true".equals(answer.header("idempotent-replayed"));
			if (creation.replayOf() != null && (!replayed || answered.id() != creation.replayOf().id())) {
				Fuzz.this.report.defect(Kind.REPLAY, creation.probe(), answer,
						"expected a replay of id " + creation.replayOf().id() + ", got id " + answered.id()
								+ (replayed ? " replayed" : " not marked replayed"));
			}
			else if (creation.replayOf() == null && replayed) {
				Fuzz.this.report.defect(Kind.REPLAY, creation.probe(), answer, "a new key answered as a replay");
			}
			for (Stored stored : fresh) {
				if (stored.id() != answered.id()) {
					Fuzz.this.report.defect(Kind.UNEXPECTED_STORED, creation.probe(), answer,
							"id " + stored.id() + " stored besides id " + answered.id());
				}
			}
			if (!replayed && fresh.stream().noneMatch((stored) -> stored.id() == answered.id())) {
				Fuzz.this.report.defect(Kind.LOST, creation.probe(), answer, "id " + answered.id() + " not among the newest");
			}
			Fuzz.this.ledger.readBack(answered, creation.probe(), answer);
			if (creation.author() != null && creation.text() != null
					&& (!creation.author().equals(answered.author()) || !creation.text().equals(answered.text()))) {
				Fuzz.this.report.defect(Kind.ALTERED, creation.probe(), answer, "sent author "
						+ Text.escape(creation.author()) + " text " + Text.excerpt(creation.text(), 40));
			}
			if (creation.key() != null && !replayed) {
				Fuzz.this.ledger.bind(creation.key(), new Binding(answered.id(), creation.probe().body,
						creation.probe().header("Content-Type"), answered.author(), answered.text()));
			}
		}

		/** One creation request: a body, a content type, an idempotency key, each ordinary or hostile. */
		private Creation creation() {
			Ledger ledger = Fuzz.this.ledger;
			if (chance(5) && !ledger.boundKeys().isEmpty()) {
				// The same request again with its key: answered exactly like the first time, nothing stored.
				String key = pick(ledger.boundKeys());
				Binding binding = ledger.binding(key);
				Probe probe = backend("POST", "/api/messages").body(binding.contentType(), binding.body())
					.header("Idempotency-Key", key).expect(Expect.ACCEPT).note("replay of key " + key);
				return new Creation(probe, binding.author(), binding.text(), key, binding);
			}
			Body body = body();
			Probe probe = backend("POST", "/api/messages");
			Validity validity = body.validity();
			int contentType = Fuzz.this.random.nextInt(100);
			if (contentType < 82) {
				probe.body("application/json", body.bytes());
			}
			else {
				Object[] type = pick(new Object[][] { { null, Validity.INVALID }, { "text/plain", Validity.INVALID },
						{ "application/xml", Validity.INVALID }, { "multipart/form-data; boundary=fuzz", Validity.INVALID },
						{ "application/x-www-form-urlencoded", Validity.INVALID },
						{ "application/json; charset=utf-8", Validity.VALID }, { "APPLICATION/JSON", Validity.VALID },
						{ "application/json;charset=ISO-8859-1", Validity.INVALID },
						{ "application/vnd.api+json", Validity.UNSURE }, { "application/*", Validity.UNSURE },
						{ "", Validity.UNSURE } });
				probe.body((String) type[0], body.bytes());
				validity = validity.and((Validity) type[1]);
			}
			String key = null;
			Binding replayOf = null;
			int keyDice = Fuzz.this.random.nextInt(100);
			if (keyDice < 58) {
				// no key
			}
			else if (keyDice < 80) {
				key = freshKey();
				probe.header("Idempotency-Key", key);
			}
			else if (keyDice < 85 && !ledger.boundKeys().isEmpty()) {
				// A used key with another request: 422, unless the request is the same after trimming.
				String used = pick(ledger.boundKeys());
				Binding binding = ledger.binding(used);
				if (binding.author().equals(body.author()) && binding.text().equals(body.text())) {
					replayOf = binding;
				}
				else {
					validity = validity.and(Validity.INVALID);
				}
				probe.header("Idempotency-Key", used);
			}
			else {
				validity = validity.and(badKey(probe));
			}
			if (chance(3)) {
				// The Location must be a path, never built from the Host header the client chose.
				probe.header("Host", "evil.example");
			}
			if (chance(3)) {
				probe.header("Accept", pick("text/html", "application/xml"));
				validity = validity.and(Validity.INVALID);
			}
			probe.expect(validity).note(body.note());
			return new Creation(probe, body.author(), body.text(), (validity == Validity.INVALID) ? null : key, replayOf);
		}

		/** Adds an idempotency key the contract refuses (or, trimmed by HTTP, might accept); returns which. */
		private Validity badKey(Probe probe) {
			switch (Fuzz.this.random.nextInt(8)) {
				case 0 -> probe.header("Idempotency-Key", "");
				case 1 -> probe.header("Idempotency-Key", freshKey() + "x".repeat(65));
				case 2 -> probe.header("Idempotency-Key", "has space " + Fuzz.this.keyCounter);
				case 3 -> probe.header("Idempotency-Key", "tab\tkey" + Fuzz.this.keyCounter);
				case 4 -> probe.header("Idempotency-Key", Text.latin1Of("ключ-" + freshKey()));
				case 5 -> probe.header("Idempotency-Key", freshKey()).header("Idempotency-Key", freshKey());
				case 6 -> {
					String key = freshKey();
					probe.header("Idempotency-Key", key).header("Idempotency-Key", key);
				}
				default -> {
					probe.header("Idempotency-Key", "  " + freshKey() + "  ");
					return Validity.UNSURE;
				}
			}
			return Validity.INVALID;
		}

		/** A request body, with the author and text it means (stripped, as the API stores them) when it means any. */
		private Body body() {
			Field author = Fuzz.this.values.field(AUTHOR_MAX);
			Field text = Fuzz.this.values.field(TEXT_MAX);
			boolean ascii = chance(20);
			String a = Json.quote(author.value(), ascii);
			String t = Json.quote(text.value(), ascii);
			Validity fields = author.validity().and(text.validity());
			String object = "{\"author\":" + a + ",\"text\":" + t + "}";
			int shape = Fuzz.this.random.nextInt(100);
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
				return Body.invalid("{\"author\":" + a + ",\"text\":" + t + ","
						+ pick("\"mood\":\"happy\"", "\"id\":1", "\"createdAt\":\"2026-01-01T00:00:00Z\"", "\"Author\":" + a,
								"\"author \":" + a)
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
				return Body.invalid(pick("{\"author\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"text\":\"x\"}",
						"{\"author\":\"A\",\"text\":\"x\",\"x\":" + "{\"x\":".repeat(depth / 2) + "0" + "}".repeat(depth / 2) + "}"))
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
			// Another encoding: a UTF-8 byte order mark, or UTF-16 (JSON parsers may detect it).
			boolean utf16 = chance(50);
			byte[] bytes = utf16 ? object.getBytes(StandardCharsets.UTF_16) : Text.concat(new byte[] { (byte) 0xEF,
					(byte) 0xBB, (byte) 0xBF }, object.getBytes(StandardCharsets.UTF_8));
			return new Body(bytes, utf16 ? "UTF-16 body" : "UTF-8 BOM body", author.stored(), text.stored(),
					fields.and(Validity.UNSURE));
		}

		/** Bodies around and far over the 16 KiB limit; exactly 16 KiB of a valid object is accepted. */
		private Body huge(Field author, Field text, String a, String t, Validity fields) {
			String object = "{\"author\":" + a + ",\"text\":" + t + "}";
			int objectBytes = object.getBytes(StandardCharsets.UTF_8).length;
			switch (Fuzz.this.random.nextInt(4)) {
				case 0 -> {
					return Body.json(object + " ".repeat(Math.max(0, BODY_LIMIT - objectBytes)), author, text,
							(objectBytes <= BODY_LIMIT) ? fields : Validity.INVALID).withNote("exactly 16384 bytes");
				}
				case 1 -> {
					return Body.invalid(object + " ".repeat(Math.max(1, BODY_LIMIT + 1 - objectBytes)))
						.withNote("16385 bytes");
				}
				case 2 -> {
					return Body.invalid("{\"author\":" + a + ",\"text\":\"" + "x".repeat(between(20_000, 200_000)) + "\"}")
						.withNote("text over 16 KiB");
				}
				default -> {
					return Body.invalid("{\"author\":" + a + ",\"text\":" + t + ",\"pad\":\"" + "y".repeat(1_000_000) + "\"}")
						.withNote("1 MB body");
				}
			}
		}

		/** A string holding bytes that are not UTF-8: overlong forms, surrogates, stray continuation bytes. */
		private Body rawBytes() {
			int[][] sequences = { { 0xC0, 0xAF }, { 0xE0, 0x80, 0xAF }, { 0xC1, 0x81 }, { 0xF0, 0x80, 0x80, 0xAF },
					{ 0xFF }, { 0xFE }, { 0x80 }, { 0xE2, 0x82 }, { 0xF8, 0x88, 0x80, 0x80, 0x80 }, { 0xF4, 0x90, 0x80, 0x80 },
					{ 0x00 }, { 0x0A }, { 0xED, 0xA0, 0x80 }, { 0xED, 0xB0, 0x80 } };
			int[] sequence = pick(sequences);
			boolean inAuthor = chance(50);
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			bytes.writeBytes((inAuthor ? "{\"author\":\"A" : "{\"author\":\"Ada\",\"text\":\"t").getBytes(StandardCharsets.UTF_8));
			for (int b : sequence) {
				bytes.write(b);
			}
			bytes.writeBytes((inAuthor ? "da\",\"text\":\"x\"}" : "ext\"}").getBytes(StandardCharsets.UTF_8));
			// An encoded surrogate (ED A0 80) is invalid UTF-8 too, but some decoders let it through as a lone surrogate.
			Validity validity = (sequence[0] == 0xED) ? Validity.UNSURE : Validity.INVALID;
			return new Body(bytes.toByteArray(), "bytes " + Arrays.stream(sequence).mapToObj((b) -> String.format("%02X", b))
				.collect(Collectors.joining(" ")), null, null, validity);
		}

		// ---------------------------------------------------------------- reading

		private Probe list() {
			String[][] limits = { { "5", "A" }, { "1", "A" }, { "100", "A" }, { "0", "R" }, { "-1", "R" }, { "101", "R" },
					{ "abc", "R" }, { "99999999999", "R" }, { "1e3", "R" }, { "5.0", "R" }, { "-0", "R" }, { "0x10", "?" },
					{ "%2B5", "?" }, { "%D9%A5", "?" }, { "", "?" }, { "5&limit=abc", "?" }, { "5&limit=6", "?" },
					{ "%205", "?" }, { "5%00", "?" }, { "%ZZ", "?" }, { "00005", "?" }, { "%2310", "?" },
					{ "9".repeat(400), "R" }, { "5&foo=bar", "A" } };
			String[] limit = pick(limits);
			Probe probe = chance(8) ? backend("GET", "/api/messages").expect(Expect.ACCEPT)
					: backend("GET", "/api/messages?limit=" + limit[0]).expect(expectOf(limit[1]));
			return maybeAccept(probe);
		}

		private Probe one() {
			String[][] ids = { { "1", "A" }, { "5", "A" }, { "0x1", "?" }, { "-1", "R" }, { "0", "R" }, { "1e3", "R" },
					{ "99999999999999999999", "R" }, { "9223372036854775807", "R" }, { "-9223372036854775808", "R" },
					{ "%D9%A1", "?" }, { "1.0", "R" }, { "%2B1", "?" }, { "%201", "?" }, { "abc", "R" }, { "1;x=y", "?" },
					{ "%EF%BC%91", "?" }, { "1%20", "?" } };
			if (chance(20) && !Fuzz.this.ledger.createdIds().isEmpty()) {
				return maybeAccept(backend("GET", "/api/messages/" + pick(Fuzz.this.ledger.createdIds())).expect(Expect.ACCEPT));
			}
			String[] id = pick(ids);
			return maybeAccept(backend("GET", "/api/messages/" + id[0]).expect(expectOf(id[1])));
		}

		/** Sometimes asks for a representation the API does not have (406), or for JSON explicitly. */
		private Probe maybeAccept(Probe probe) {
			if (chance(8)) {
				String accept = pick("text/html", "application/xml", "application/json", "*/*", "application/problem+json");
				probe.header("Accept", accept);
				if (accept.equals("text/html") || accept.equals("application/xml")) {
					probe.expect(Expect.REJECT);
				}
				else if (accept.equals("application/problem+json")) {
					probe.expect(Expect.ANY);
				}
			}
			return probe;
		}

		/** Request lines Tomcat may refuse before any application code: raw brackets, braces, bytes, bad escapes. */
		private Probe oddRequestLine() {
			String target = pick("/api/messages?limit=[5]", "/api/messages?limit={5}", "/api/messages?limit=5|6",
					"/api/messages?limit=5\"", "/api/messages/\u0080", "/api/messages?limit=5\u00ff", "/api/messages/%00",
					"/api/messages/a%2Fb", "/api/messages/%ZZ", "/api/messages/%", "/api/%2e%2e/api/messages",
					"/api/messages/..%2f..%2factuator", "/api//messages", "/api/messages;jsessionid=x", "/api/./messages",
					"/api/messages/1/..", "/api/messages/1%5C", "/api/messages?limit=5#frag", "/api/messages\\1",
					"/api/mess ages", "/api/messages/\u00e9");
			return backend(pick("GET", "GET", "POST"), target).oddRequestLine();
		}

		/** Unknown paths, wrong methods, the error page, and the chaos API where it must not be. */
		private Probe elsewhere() {
			int dice = Fuzz.this.random.nextInt(100);
			if (dice < 35) {
				String[] path = pick(new String[][] { { "/api", "R" }, { "/api/", "R" }, { "/api/messages/", "?" },
						{ "/api/messages/1/2", "R" }, { "/api/message", "R" }, { "/API/messages", "R" },
						{ "/api/messages.json", "?" }, { "/actuator/health", "R" }, { "/chaos", "R" }, { "/", "R" },
						{ "/index.html", "R" }, { "/favicon.ico", "R" }, { "/api/messages/1/x", "R" }, { "/%20", "R" },
						{ "/api/feed", "R" } });
				return backend("GET", path[0]).expect(expectOf(path[1]));
			}
			if (dice < 75) {
				String[] call = pick(new String[][] { { "PUT", "/api/messages" }, { "DELETE", "/api/messages" },
						{ "PATCH", "/api/messages" }, { "POST", "/api/messages/1" }, { "PUT", "/api/messages/1" },
						{ "DELETE", "/api/messages/1" }, { "PATCH", "/api/messages/1" }, { "DELETE", "/api/messages/abc" } });
				Probe probe = backend(call[0], call[1]).expect(Expect.REJECT);
				if (chance(50)) {
					probe.body("application/json", "{\"author\":\"Ada\",\"text\":\"wrong method\"}".getBytes(StandardCharsets.UTF_8));
				}
				return probe;
			}
			if (dice < 85) {
				return backend(pick("HEAD", "OPTIONS"), pick("/api/messages", "/api/messages/1")).expect(Expect.ACCEPT);
			}
			if (dice < 93) {
				return backend(pick("GET", "POST"), "/error").expect(Expect.ANY);
			}
			// The chaos API exists only on the management port.
			return backend("PUT", pick("/chaos/latency?ms=1", "/chaos/scenarios/slow")).expect(Expect.REJECT);
		}

	}

	// ================================================================================================ UI

	/** The UI: pages, the feed, the posting form with its CSRF token, the dashboard's controls, actuator. */
	final class UiFuzzer {

		private static final List<String> LEVELS = List.of("none", "timeout", "retry", "circuit-breaker", "fallback", "full");

		private static final List<String> CHAOS_ACTIONS = List.of("slow", "errors", "every-third", "hang", "outage",
				"flapping", "off");

		private static final Set<String> FORCED_STATES = Set.of("DISABLED", "FORCED_OPEN", "FORCED_HALF_OPEN",
				"METRICS_ONLY");

		private String cookie;

		private String formToken;

		private String csrfHeader;

		private String headerToken;

		private int streams;

		private int bigForms;

		private Map<String, String> breakerStates;

		void run(int quota) {
			if (!openSession()) {
				Fuzz.this.report.harnessError(new IllegalStateException("no session or CSRF token from the UI; UI phase skipped"));
				return;
			}
			int buttons = Math.min(quota, Math.max(10, quota / 12));
			for (int i = 0; i < quota - buttons; i++) {
				int dice = Fuzz.this.random.nextInt(100);
				step(() -> {
					if (dice < 11) {
						fuzz(page());
					}
					else if (dice < 22) {
						fuzz(feed());
					}
					else if (dice < 27) {
						fuzz(readOnly());
					}
					else if (dice < 66) {
						postForm();
					}
					else if (dice < 78) {
						fuzz(traffic());
					}
					else if (dice < 90) {
						fuzz(elsewhere());
					}
					else if (dice < 95) {
						actuatorPost();
					}
					else {
						fuzz(oddRequestLine());
					}
				});
			}
			// The chaos buttons come last: a breaker they open must not make a later valid post fail.
			List<String> actions = new ArrayList<>(CHAOS_ACTIONS);
			Collections.shuffle(actions, Fuzz.this.random);
			for (int i = 0; i < buttons; i++) {
				step(() -> chaosButton(actions));
			}
			Answer stop = oracle(withToken(ui("DELETE", "/dashboard/traffic")));
			if (!stop.is(2)) {
				Fuzz.this.report.oracleFailure("DELETE /dashboard/traffic", stop);
			}
			clearChaos();
		}

		/** A session cookie and its CSRF token, read from the page's form and from the dashboard as a browser would. */
		private boolean openSession() {
			Answer page = oracle(ui("GET", "/?level=full").header("Accept", BROWSER));
			if (!page.is(2)) {
				Fuzz.this.report.oracleFailure("GET /", page);
				return false;
			}
			for (String setCookie : page.headers().getOrDefault("set-cookie", List.of())) {
				if (setCookie.startsWith("JSESSIONID=")) {
					this.cookie = setCookie.substring(0, setCookie.indexOf(';') > 0 ? setCookie.indexOf(';') : setCookie.length());
				}
			}
			Matcher form = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page.text());
			Answer dashboard = oracle(ui("GET", "/dashboard").header("Accept", BROWSER).header("Cookie", String.valueOf(this.cookie)));
			Matcher header = Pattern.compile("data-csrf-header=\"([^\"]+)\"\\s+data-csrf=\"([^\"]+)\"").matcher(dashboard.text());
			if (this.cookie == null || !form.find() || !header.find()) {
				return false;
			}
			this.formToken = form.group(1);
			this.csrfHeader = header.group(1);
			this.headerToken = header.group(2);
			return true;
		}

		/** The session cookie and the token in the header, as dashboard.js sends them. */
		private Probe withToken(Probe probe) {
			return probe.header("Cookie", this.cookie).header(this.csrfHeader, this.headerToken);
		}

		private String level(boolean page) {
			int dice = Fuzz.this.random.nextInt(100);
			if (dice < 70) {
				return pick(LEVELS);
			}
			return pick("", "FULL", "Full", "%20full%20", "bogus", "full&level=none", "none&level=bogus", "%00", "ful%6C",
					"f%C3%BCll", "circuit_breaker", "x".repeat(page ? 3000 : 300), "%E2%80%AEfull");
		}

		private Expect levelExpect(String level) {
			if (LEVELS.contains(level)) {
				return Expect.ACCEPT;
			}
			return Set.of("bogus", "circuit_breaker", "f%C3%BCll").contains(level) || level.startsWith("xxx") ? Expect.REJECT
					: Expect.ANY;
		}

		private Probe page() {
			if (chance(10)) {
				return ui("GET", "/").header("Accept", BROWSER).page().expect(Expect.ACCEPT);
			}
			String level = level(true);
			return ui("GET", "/?level=" + level).header("Accept", BROWSER).page().expect(levelExpect(level));
		}

		private Probe feed() {
			if (chance(10)) {
				return ui("GET", "/api/feed").header("Accept", "application/json").expect(Expect.ACCEPT);
			}
			String level = level(false);
			return ui("GET", "/api/feed?level=" + level).header("Accept", pick("application/json", "*/*"))
				.expect(levelExpect(level));
		}

		private Probe readOnly() {
			if (this.streams < 3 && chance(10)) {
				// A live stream: only its head and first bytes are read, then it is closed.
				this.streams++;
				return ui("GET", "/dashboard/stream?level=" + pick(LEVELS)).header("Accept", "text/event-stream").stream()
					.expect(Expect.ACCEPT);
			}
			String[] call = pick(new String[][] { { "/about", "page" }, { "/dashboard", "page" }, { "/dashboard/chaos", "" },
					{ "/dashboard/traffic", "" }, { "/actuator/health", "" }, { "/actuator/health/readiness", "" },
					{ "/actuator/circuitbreakers", "" }, { "/actuator/info", "" }, { "/css/faultline.css", "" },
					{ "/js/dashboard.js", "" }, { "/dashboard/stream?level=bogus", "R" }, { "/dashboard/stream?level=", "?" } });
			Probe probe = ui("GET", call[0]);
			if (call[0].startsWith("/dashboard/stream")) {
				// An empty level is the default level: a stream that does not end, so only its start is read.
				return probe.header("Accept", "text/event-stream").stream().expect(expectOf(call[1]));
			}
			if (call[1].equals("page")) {
				return probe.header("Accept", BROWSER).page().expect(Expect.ACCEPT);
			}
			return probe.header("Accept", "application/json").expect(call[1].equals("R") ? Expect.REJECT : Expect.ACCEPT);
		}

		// ---------------------------------------------------------------- the posting form

		/** Posts the form and checks the store: a redirect stored exactly one message, anything else none. */
		private void postForm() {
			FormPost post = formPost();
			Answer answer = fuzz(post.probe());
			List<Stored> fresh = Fuzz.this.ledger.fresh();
			if (!answer.answered()) {
				Fuzz.this.ledger.unknownOutcome(fresh);
				return;
			}
			Ledger ledger = Fuzz.this.ledger;
			if (answer.status() == 302) {
				Binding bound = (post.key() != null) ? ledger.binding(post.key()) : null;
				boolean replay = bound != null && post.author() != null && bound.author().equals(post.author())
						&& bound.text().equals(post.text());
				// A used key with a message that cannot be predicted may be a replay (nothing stored) or not.
				int expected = (replay || (bound != null && post.author() == null)) ? 0 : 1;
				if (fresh.size() < expected) {
					Fuzz.this.report.defect(Kind.LOST, post.probe(), answer, "redirected as posted, nothing stored");
				}
				int allowed = (bound != null && post.author() == null) ? 1 : expected;
				for (Stored stored : fresh.subList(Math.min(allowed, fresh.size()), fresh.size())) {
					Fuzz.this.report.defect(Kind.UNEXPECTED_STORED, post.probe(), answer, "one post stored id " + stored.id()
							+ " as well");
				}
				if (post.expect() == Expect.REJECT) {
					Fuzz.this.report.defect(Kind.INVALID_ACCEPTED, post.probe(), answer, "form redirected as posted");
				}
				if (!fresh.isEmpty()) {
					Stored stored = fresh.get(0);
					ledger.readBack(stored, post.probe(), answer);
					if (post.author() != null && (!post.author().equals(stored.author()) || !post.text().equals(stored.text()))) {
						Fuzz.this.report.defect(Kind.ALTERED, post.probe(), answer, "sent author " + Text.escape(post.author())
								+ " text " + Text.excerpt(post.text(), 40) + ", stored " + Text.escape(stored.author()));
					}
					if (post.key() != null && bound == null) {
						ledger.bind(post.key(), new Binding(stored.id(), null, null, stored.author(), stored.text()));
					}
				}
				return;
			}
			for (Stored stored : fresh) {
				Fuzz.this.report.defect(Kind.UNEXPECTED_STORED, post.probe(), answer, "refused post stored id " + stored.id());
			}
			if (post.expect() == Expect.ACCEPT) {
				Fuzz.this.report.defect(Kind.VALID_REJECTED, post.probe(), answer,
						(answer.status() == 200) ? "the form came back instead of a redirect" : "valid form post refused");
			}
		}

		/** A form post: hostile field values, keys, tokens, levels, content types and encodings. */
		private FormPost formPost() {
			Field author = Fuzz.this.values.field(AUTHOR_MAX);
			Field text = Fuzz.this.values.field(TEXT_MAX);
			// The form and the backend trim Unicode white space alike: judge and compare what is left.
			Validity authorValidity = Values.classify(author.value(), AUTHOR_MAX);
			Validity validity = Values.classify(text.value(), TEXT_MAX);
			String storedAuthor = Values.trim(author.value());
			String storedText = Values.trim(text.value());
			List<String[]> fields = new ArrayList<>();
			String encodedAuthor = Text.formEncode(author.value());
			String encodedText = Text.formEncode(text.value());
			if (encodedAuthor == null || encodedText == null) {
				// A lone surrogate cannot be sent as UTF-8: sent as the bytes of one, it decodes to something else.
				authorValidity = authorValidity.and(Validity.UNSURE);
				validity = validity.and(Validity.UNSURE);
				storedAuthor = null;
				encodedAuthor = Text.looseFormEncode(author.value());
				encodedText = Text.looseFormEncode(text.value());
			}
			// An author that is not sent as itself (bad encoding, or given twice and joined) cannot be judged.
			int oddity = Fuzz.this.random.nextInt(100);
			if (oddity < 6) {
				encodedAuthor = pick("%C0%AF", "%ZZ", "%FF", "%E2%82", "%", "A%00da", "%ED%A0%80", "%F4%90%80%80");
				authorValidity = Validity.UNSURE;
				storedAuthor = null;
			}
			else if (oddity < 9) {
				fields.add(new String[] { "author", Text.formEncode("Second") });
				authorValidity = Validity.UNSURE;
				storedAuthor = null;
			}
			validity = validity.and(authorValidity);
			if (!chance(3)) {
				fields.add(new String[] { "author", encodedAuthor });
			}
			else {
				validity = Validity.INVALID;
			}
			if (!chance(3)) {
				fields.add(new String[] { "text", encodedText });
			}
			else {
				validity = Validity.INVALID;
			}
			if (chance(3)) {
				fields.add(new String[] { pick("mood", "id", "posted", "level"), "x" });
				validity = validity.and(Validity.UNSURE);
			}
			String key = null;
			int keyDice = Fuzz.this.random.nextInt(100);
			if (keyDice < 78) {
				key = freshKey();
				fields.add(new String[] { "idempotencyKey", Text.formEncode(key) });
			}
			else if (keyDice < 82) {
				// no key: the form's own field is missing, the post goes without one
			}
			else if (keyDice < 88 && !Fuzz.this.ledger.boundKeys().isEmpty()) {
				key = pick(Fuzz.this.ledger.boundKeys());
				Binding binding = Fuzz.this.ledger.binding(key);
				boolean same = binding.author().equals(storedAuthor) && binding.text().equals(storedText);
				fields.add(new String[] { "idempotencyKey", Text.formEncode(key) });
				validity = validity.and(same ? Validity.VALID : Validity.INVALID);
			}
			else {
				String[] bad = pick(new String[][] { { "", "R" }, { "   ", "R" }, { "k".repeat(65), "R" },
						{ "ключ-" + Fuzz.this.keyCounter, "R" }, { "has space", "R" }, { "  " + freshKey() + "  ", "trim" } });
				fields.add(new String[] { "idempotencyKey", Text.formEncode(bad[0]) });
				if (bad[1].equals("trim")) {
					key = bad[0].trim();
				}
				else {
					validity = Validity.INVALID;
				}
			}
			String level = "full";
			String target = "/messages?level=full";
			int levelDice = Fuzz.this.random.nextInt(100);
			if (levelDice < 80) {
				level = pick(LEVELS);
				target = "/messages?level=" + level;
			}
			else if (levelDice < 88) {
				target = "/messages";
			}
			else {
				String odd = pick("bogus", "FULL", " full ", "full&level=none", "");
				target = "/messages?level=" + Text.formEncode(odd);
				validity = validity.and(odd.equals("bogus") ? Validity.INVALID : Validity.UNSURE);
			}
			Probe probe = ui("POST", target).header("Accept", BROWSER).page();
			int token = Fuzz.this.random.nextInt(100);
			if (token < 84) {
				fields.add(new String[] { "_csrf", this.formToken });
				probe.header("Cookie", this.cookie);
			}
			else if (token < 90) {
				probe.header("Cookie", this.cookie).header(this.csrfHeader, this.headerToken);
			}
			else if (token < 94) {
				probe.header("Cookie", this.cookie);
				validity = Validity.INVALID;
			}
			else if (token < 97) {
				fields.add(new String[] { "_csrf", "not-the-token" });
				probe.header("Cookie", this.cookie);
				validity = Validity.INVALID;
			}
			else {
				fields.add(new String[] { "_csrf", this.formToken });
				validity = Validity.INVALID;
			}
			String body = fields.stream().map((field) -> field[0] + "=" + field[1]).collect(Collectors.joining("&"));
			int type = Fuzz.this.random.nextInt(100);
			if (type < 90) {
				probe.body("application/x-www-form-urlencoded", body.getBytes(StandardCharsets.ISO_8859_1));
			}
			else if (type < 95) {
				probe.body("multipart/form-data; boundary=fuzzboundary", multipart(fields));
				validity = validity.and(Validity.UNSURE);
			}
			else if (type < 97) {
				probe.body(pick("text/plain", null), body.getBytes(StandardCharsets.ISO_8859_1));
				validity = Validity.INVALID;
			}
			else if (this.bigForms < 3) {
				// Over Tomcat's 2 MB limit for form bodies.
				this.bigForms++;
				probe.body("application/x-www-form-urlencoded", (body + "&text=" + "z".repeat(2_200_000))
					.getBytes(StandardCharsets.ISO_8859_1));
				probe.note("form body over 2 MB");
				validity = Validity.INVALID;
			}
			else {
				probe.body("application/x-www-form-urlencoded", body.getBytes(StandardCharsets.ISO_8859_1));
			}
			if (validity == Validity.INVALID) {
				key = null;
			}
			if (probe.note == null) {
				probe.note("author " + Text.excerpt(author.value(), 24) + " text " + Text.excerpt(text.value(), 24));
			}
			return new FormPost(probe, storedAuthor, (storedAuthor != null) ? storedText : null, key, validity.expect());
		}

		private byte[] multipart(List<String[]> fields) {
			StringBuilder body = new StringBuilder();
			for (String[] field : fields) {
				body.append("--fuzzboundary\r\nContent-Disposition: form-data; name=\"").append(field[0]).append("\"\r\n\r\n")
					.append(Text.formDecodeToLatin1(field[1])).append("\r\n");
			}
			body.append("--fuzzboundary--\r\n");
			return body.toString().getBytes(StandardCharsets.ISO_8859_1);
		}

		// ---------------------------------------------------------------- dashboard controls and the rest

		private Probe traffic() {
			if (chance(30)) {
				Probe stop = ui("DELETE", "/dashboard/traffic").header("Accept", "application/json");
				return chance(85) ? withToken(stop).expect(Expect.ACCEPT) : stop.expect(Expect.REJECT);
			}
			String[] rate = pick(new String[][] { { "rate=5", "A" }, { "rate=20", "A" }, { "rate=50", "A" }, { "rate=0", "R" },
					{ "rate=7", "R" }, { "rate=-5", "R" }, { "rate=abc", "R" }, { "rate=", "R" }, { "rate=1e1", "R" },
					{ "rate=5.0", "R" }, { "rate=99999999999", "R" }, { "rate=%D9%A5", "?" }, { "rate=%2B5", "?" },
					{ "rate=%2020", "?" }, { "", "R" }, { "rate=20&rate=50", "?" } });
			String level = chance(60) ? "" : pick("level=full", "level=none", "level=retry", "level=bogus", "level=FULL", "level=");
			String query = String.join("&", List.of(rate[0], level).stream().filter((part) -> !part.isEmpty()).toList());
			Probe probe = ui("POST", "/dashboard/traffic" + (query.isEmpty() ? "" : "?" + query)).header("Accept", "application/json");
			Expect expect = expectOf(rate[1]);
			if (level.equals("level=bogus")) {
				expect = Expect.REJECT;
			}
			else if ((level.equals("level=FULL") || level.equals("level=")) && expect == Expect.ACCEPT) {
				expect = Expect.ANY;
			}
			if (chance(85)) {
				withToken(probe);
			}
			else {
				expect = Expect.REJECT;
				if (chance(50)) {
					probe.header("Cookie", this.cookie);
				}
			}
			return probe.expect(expect);
		}

		/** Unknown paths under /api, /dashboard and /actuator, and wrong methods, with and without the token. */
		private Probe elsewhere() {
			if (chance(45)) {
				String path = pick("/api/nope", "/api/feed/x", "/api/messages", "/api/messages/1", "/api/", "/dashboard/nope",
						"/dashboard/chaos/x/y", "/dashboard/traffic/x", "/actuator/nope", "/actuator/metrics/nope",
						"/actuator/circuitbreakers/nope", "/actuator/shutdown", "/actuator/env", "/actuator/loggers",
						"/actuator/retries/nope");
				Probe probe = ui("GET", path).header("Accept", "application/json").expect(Expect.REJECT);
				return chance(50) ? withToken(probe) : probe;
			}
			String[] call = pick(new String[][] { { "PUT", "/api/feed" }, { "DELETE", "/api/feed" }, { "PATCH", "/api/feed" },
					{ "POST", "/api/feed" }, { "DELETE", "/dashboard/chaos" }, { "PUT", "/dashboard/traffic" },
					{ "PATCH", "/dashboard/traffic" }, { "GET", "/dashboard/chaos/off" }, { "PUT", "/dashboard/chaos/off" },
					{ "DELETE", "/dashboard/chaos/off" }, { "POST", "/dashboard/stream" }, { "POST", "/about" },
					{ "DELETE", "/" }, { "PUT", "/messages" }, { "GET", "/messages" }, { "DELETE", "/actuator/health" } });
			boolean page = call[1].equals("/about") || call[1].equals("/") || call[1].equals("/messages");
			Probe probe = ui(call[0], call[1]).header("Accept", page ? BROWSER : "application/json").expect(Expect.REJECT);
			if (page) {
				probe.page();
			}
			return chance(60) ? withToken(probe) : probe;
		}

		/** Actuator is read-only: a POST that would force or disable a breaker must be refused and change nothing. */
		private void actuatorPost() {
			if (this.breakerStates == null) {
				this.breakerStates = breakerStates();
			}
			String breaker = pick("full", "none", "circuit-breaker", "fallback", "bogus");
			Probe probe = pick(
					ui("POST", "/actuator/circuitbreakers/" + breaker).body("application/json",
							("{\"updateState\":\"" + pick("DISABLE", "FORCE_OPEN", "CLOSE", "METRICS_ONLY") + "\"}")
								.getBytes(StandardCharsets.UTF_8)),
					ui("POST", "/actuator/loggers/ROOT").body("application/json",
							"{\"configuredLevel\":\"OFF\"}".getBytes(StandardCharsets.UTF_8)),
					ui("DELETE", "/actuator/circuitbreakers/" + breaker),
					ui("POST", "/actuator/health").body("application/json", "{}".getBytes(StandardCharsets.UTF_8)));
			probe.header("Accept", "application/json").expect(Expect.REJECT);
			if (chance(70)) {
				withToken(probe);
			}
			Answer answer = fuzz(probe);
			Map<String, String> after = breakerStates();
			for (Map.Entry<String, String> state : after.entrySet()) {
				if (FORCED_STATES.contains(state.getValue())
						&& !state.getValue().equals(this.breakerStates.get(state.getKey()))) {
					Fuzz.this.report.defect(Kind.ACTUATOR_STATE, probe, answer, "breaker " + state.getKey() + " is now "
							+ state.getValue());
				}
			}
			this.breakerStates = after;
		}

		private Map<String, String> breakerStates() {
			Answer answer = oracle(ui("GET", "/actuator/circuitbreakers").header("Accept", "application/json"));
			Map<String, String> states = new TreeMap<>();
			if (Json.member(Json.parseOrNull(answer.text()), "circuitBreakers") instanceof Map<?, ?> breakers) {
				breakers.forEach((name, breaker) -> states.put(String.valueOf(name), String.valueOf(Json.member(breaker, "state"))));
			}
			else {
				Fuzz.this.report.oracleFailure("GET /actuator/circuitbreakers", answer);
			}
			return states;
		}

		private Probe oddRequestLine() {
			String target = pick("/?level={full}", "/?level=[full]", "/api/feed?level=[x]", "/api/feed?level=full|none",
					"/api/feed/%00", "/dashboard/%2e%2e/actuator/env", "/api/feed?level=\u00ff", "/about/%ZZ", "/ab out");
			boolean page = target.startsWith("/?") || target.startsWith("/ab");
			Probe probe = ui("GET", target).oddRequestLine().header("Accept", page ? BROWSER : "application/json");
			return page ? probe.page() : probe;
		}

		/** A chaos button of the dashboard; whatever it switches on is switched off again at once. */
		private void chaosButton(List<String> actions) {
			Probe probe;
			if (!actions.isEmpty() && chance(60)) {
				probe = withToken(ui("POST", "/dashboard/chaos/" + actions.remove(0))).expect(Expect.ACCEPT);
			}
			else if (chance(25)) {
				probe = ui("POST", "/dashboard/chaos/" + pick(CHAOS_ACTIONS)).expect(Expect.REJECT);
				if (chance(50)) {
					probe.header("Cookie", this.cookie);
				}
			}
			else {
				String action = pick("bogus", "SLOW", "slow%20", "latency", "down", "%2e%2e", "off/x", "x".repeat(300), "hang;x", "",
						"crash", "scenarios", "%E2%80%AEoff");
				probe = withToken(ui("POST", "/dashboard/chaos/" + action)).expect(action.equals("hang;x") ? Expect.ANY
						: Expect.REJECT);
				if (action.contains("%2e")) {
					probe.oddRequestLine();
				}
			}
			Answer answer = fuzz(probe.header("Accept", "application/json"));
			if (answer.is(2) || !answer.answered()) {
				clearChaos();
			}
			else {
				expectNoFault(probe, answer);
			}
		}

	}

	// ================================================================================================ chaos API

	/** The chaos control API on the management port; every accepted change is undone with DELETE /chaos at once. */
	final class ChaosFuzzer {

		private static final List<String> SCENARIOS = List.of("flaky", "every-third", "errors", "slow", "hang", "outage",
				"brownout", "flapping");

		void run(int quota) {
			clearChaos();
			for (int i = 0; i < quota; i++) {
				int dice = Fuzz.this.random.nextInt(100);
				step(() -> {
					Probe probe;
					if (dice < 55) {
						probe = install();
					}
					else if (dice < 63) {
						probe = unknownFault();
					}
					else if (dice < 73) {
						probe = scenario();
					}
					else if (dice < 82) {
						probe = remove();
					}
					else if (dice < 89) {
						probe = management("GET", pick("/chaos", "/chaos/events", "/chaos/scenarios")).expect(Expect.ACCEPT);
					}
					else if (dice < 97) {
						probe = elsewhere();
					}
					else {
						probe = management("PUT", pick("/chaos/latency?ms=[1]", "/chaos/latency?paths=/api/{id}",
								"/chaos/latency?ms=1|2", "/chaos/%00", "/chaos/lat ency?ms=1")).oddRequestLine();
					}
					Answer answer = fuzz(probe);
					if (probe.method.equals("PUT")) {
						if (answer.is(2) || !answer.answered()) {
							clearChaos();
						}
						else {
							expectNoFault(probe, answer);
						}
					}
				});
			}
			clearChaos();
			awaitApi();
		}

		/** {@code PUT /chaos/{fault}} with random settings in the query, a JSON body, or both. */
		private Probe install() {
			FaultModel fault = chance(5) ? FaultModel.CRASH : pick(FaultModel.INSTALLABLE);
			FaultModel kind = fault;
			Map<String, Setting> settings = new LinkedHashMap<>();
			if (fault == FaultModel.FLAP && chance(80)) {
				Setting setting = kindSetting();
				settings.put("kind", setting);
				kind = FaultModel.flapKind(setting.text()).orElse(FaultModel.ERROR);
			}
			else if (fault == FaultModel.FLAP) {
				kind = FaultModel.ERROR;
			}
			List<String> names = new ArrayList<>(fault.settings);
			names.addAll(kind.settings);
			names.remove("kind");
			if (kind.perRequest && fault.perRequest || chance(10)) {
				names.addAll(FaultModel.SELECTION);
			}
			names.add("duration");
			int count = between(0, 4);
			for (int i = 0; i < count; i++) {
				String name = chance(8) ? pick("foo", "MS", "Ms", "delay", "durationMs", "fault", "rate ",
						(fault == FaultModel.FLAP) ? "foo" : "kind") : pick(names);
				settings.put(name, value(name, kind));
			}
			if (fault == FaultModel.CRASH) {
				// Never a crash the backend could accept: its delay is always out of range, which is refused first.
				settings.put("delayMs", new Setting("delayMs", pick("-1", "60001", "abc"), null, Validity.INVALID, null));
			}
			Validity validity = FaultModel.judge(fault, settings);
			if (fault == FaultModel.CRASH && validity != Validity.INVALID) {
				throw new IllegalStateException("a crash request that could be accepted was generated");
			}
			return settingsRequest("/chaos/" + fault.id, settings, validity, fault == FaultModel.CRASH);
		}

		/** Puts the settings into the query and/or a JSON body, with the body's own oddities. */
		private Probe settingsRequest(String path, Map<String, Setting> settings, Validity validity, boolean queryOnly) {
			List<String> query = new ArrayList<>();
			List<String> json = new ArrayList<>();
			int mode = queryOnly ? 0 : Fuzz.this.random.nextInt(100);
			for (Setting setting : settings.values()) {
				// JSON null exists only in a body; in a query it would be an empty value.
				boolean inBody = setting.json() != null && !queryOnly
						&& ("null".equals(setting.json()) || (mode >= 55 && (mode < 85 || chance(50))));
				if (inBody) {
					json.add(Json.quote(setting.name(), false) + ":" + setting.json());
				}
				else {
					query.add(Text.formEncode(setting.name()) + "=" + Text.formEncode(setting.text()));
				}
			}
			if (!queryOnly && !query.isEmpty() && chance(6)) {
				// One name twice in the query: a list, which only methods and paths take.
				String first = query.get(0);
				query.add(first);
				validity = validity.and(first.startsWith("methods=") || first.startsWith("paths=") ? Validity.UNSURE
						: Validity.INVALID);
			}
			if (!queryOnly && !query.isEmpty() && !json.isEmpty() && chance(20)) {
				// The same name in the query and the body: refused, since it is unclear which was meant.
				String name = query.get(0).substring(0, query.get(0).indexOf('='));
				json.add(Json.quote(Text.formDecodeToLatin1(name), false) + ":1");
				validity = Validity.INVALID;
			}
			Probe probe = management("PUT", path + (query.isEmpty() ? "" : "?" + String.join("&", query)));
			if (!json.isEmpty() || (!queryOnly && chance(15))) {
				String body = "{" + String.join(",", json) + "}";
				int oddity = Fuzz.this.random.nextInt(100);
				if (oddity < 6 && !json.isEmpty()) {
					body = "{" + String.join(",", json) + "," + json.get(0) + "}";
					validity = Validity.INVALID;
				}
				else if (oddity < 14) {
					body = pick("null", "[]", "42", "\"ms\"", "{", body + " x", body + "{}", "[" + body + "]");
					validity = Validity.INVALID;
				}
				else if (oddity < 17 && json.isEmpty()) {
					// A blank body is no body: the query's settings alone count.
					body = pick("   ", "\n");
				}
				else if (oddity < 21) {
					body = body + " ".repeat(BODY_LIMIT + 100);
					validity = validity.and(Validity.UNSURE);
					probe.note("settings padded over 16 KiB");
				}
				else if (oddity < 24) {
					body = "{\"pad\":\"" + "p".repeat(20_000) + "\"}";
					validity = Validity.INVALID;
					probe.note("unknown setting over 16 KiB");
				}
				String type = "application/json";
				if (chance(15)) {
					type = pick(null, "text/plain", "application/xml", "multipart/form-data; boundary=x",
							"application/x-www-form-urlencoded");
					validity = validity.and(Validity.UNSURE);
				}
				probe.body(type, body.getBytes(StandardCharsets.UTF_8));
			}
			if (chance(3)) {
				probe.header("X-Chaos-Token", "not-configured");
			}
			return probe.expect(validity);
		}

		private Setting kindSetting() {
			if (chance(75)) {
				String kind = pick(FaultModel.FLAP_KINDS).id;
				return new Setting("kind", kind, Json.quote(kind, false), Validity.VALID, null);
			}
			String kind = pick("flap", "crash", "bogus", "", "ERROR", "slow_body");
			return new Setting("kind", kind, Json.quote(kind, false), Validity.INVALID, null);
		}

		/** A value for a setting, ordinary or hostile, judged by the README's rules for that setting. */
		private Setting value(String name, FaultModel kind) {
			if (chance(3)) {
				// JSON null: the setting counts as not given (but an unknown name is still refused).
				return new Setting(name, "", "null", Validity.VALID, null);
			}
			return switch (name) {
				case "ms", "minMs" -> whole(name, 0, 600_000);
				case "maxMs" -> whole(name, (kind == FaultModel.HANG) ? 1 : 0, 600_000);
				case "status" -> whole(name, 400, 599);
				case "retryAfter" -> whole(name, 0, 86_400);
				case "chunkBytes" -> whole(name, 1, 65_536);
				case "chunkDelayMs" -> whole(name, 1, 60_000);
				case "upMs", "downMs" -> whole(name, 1, 3_600_000);
				case "everyNth", "firstN" -> whole(name, 1, 1_000_000);
				case "seed" -> chance(80) ? number(name, Fuzz.this.random.nextLong(), Validity.VALID)
						: new Setting(name, "abc", "1.5", Validity.INVALID, null);
				case "rate" -> rate();
				case "methods" -> methods();
				case "paths" -> paths();
				case "duration" -> duration();
				case "kind" -> kindSetting();
				default -> new Setting(name, "1", "1", Validity.INVALID, null);
			};
		}

		private Setting whole(String name, long min, long max) {
			int dice = Fuzz.this.random.nextInt(100);
			if (dice < 55) {
				long n = pick(min, max, min + (long) (Fuzz.this.random.nextDouble() * (max - min)));
				return number(name, n, Validity.VALID);
			}
			if (dice < 62) {
				// Padded in the query, a string in JSON: neither is the plain number the contract asks for.
				long n = min + (max - min) / 2;
				return new Setting(name, " " + n + " ", Json.quote(String.valueOf(n), false), Validity.INVALID, null);
			}
			if (dice < 75) {
				long n = chance(50) ? min - 1 : max + 1;
				return number(name, n, Validity.INVALID);
			}
			if (dice < 92) {
				String text = pick("abc", "1e3", "0x10", "1.5", "", "99999999999999999999", "-", "NaN", "1_000");
				String json = pick(Json.quote(text, false), "1.5", "true", "[1]", "{}");
				return new Setting(name, text, json, Validity.INVALID, null);
			}
			String text = pick("\u0665", "+5", "0x10");
			return new Setting(name, text, Json.quote(text, false), Validity.INVALID, null);
		}

		/** A whole number: plain decimal text in the query, a JSON number in the body. */
		private Setting number(String name, long n, Validity validity) {
			return new Setting(name, String.valueOf(n), String.valueOf(n), validity, (validity == Validity.VALID) ? n : null);
		}

		private Setting rate() {
			String[][] rates = { { "0", "0", "I" }, { "1", "1", "V" }, { "0.3", "0.3", "V" }, { "0.5", "0.5", "V" },
					{ " 0.5", "\"0.5\"", "I" },
					{ "1.5", "1.5", "I" }, { "-0.1", "-0.1", "I" }, { "NaN", "\"NaN\"", "I" }, { "Infinity", "\"Infinity\"", "I" },
					{ "abc", "\"abc\"", "I" }, { "", "\"\"", "I" }, { "-0.0", "-0.0", "I" }, { "1e-1", "1e-1", "U" },
					{ "0x1p-1", "true", "U" } };
			String[] rate = pick(rates);
			return new Setting("rate", rate[0], rate[1], validityOf(rate[2]), null);
		}

		private Setting methods() {
			String[][] methods = { { "GET", "\"GET\"", "V" }, { "GET,POST", "[\"GET\",\"POST\"]", "V" }, { "get", "\"get\"", "I" },
					{ "GET,,POST", "\"GET,,POST\"", "I" }, { " GET ", "\" GET \"", "V" }, { "FOO", "\"FOO\"", "I" },
					{ "GET;POST", "[\"GET;POST\"]", "I" }, { "GET POST", "\"GET POST\"", "I" }, { "", "\"\"", "I" },
					{ ",", "\",\"", "I" }, { "TRACE", "[1]", "I" }, { "CONNECT", "{}", "I" } };
			String[] method = pick(methods);
			return new Setting("methods", method[0], method[1], validityOf(method[2]), null);
		}

		private Setting paths() {
			String[][] paths = { { "/api/**", "\"/api/**\"", "V" }, { "/api/messages/*", "[\"/api/messages/*\"]", "V" },
					{ "/api/messages/{id}", "\"/api/messages/{id}\"", "V" }, { "..", "\"..\"", "I" },
					{ "/api/../x", "\"/api/../x\"", "I" }, { "/api/./x", "\"/api/./x\"", "I" },
					{ "/api/messages/{id:[}", "\"/api/messages/{id:[}\"", "I" }, { "api/**", "\"api/**\"", "I" },
					{ "", "\"\"", "I" }, { "/**/x/**", "\"/**/x/**\"", "U" }, { "/api/{*rest}", "\"/api/{*rest}\"", "U" },
					{ "\\api", "\"\\\\api\"", "I" }, { "", "[1]", "I" }, { "/api/{a}/{a}", "\"/api/{a}/{a}\"", "U" } };
			String[] path = pick(paths);
			return new Setting("paths", path[0], path[1], validityOf(path[2]), null);
		}

		private Setting duration() {
			String[][] durations = { { "30s", "\"30s\"", "V" }, { "5m", "\"5m\"", "V" }, { "PT1H", "\"PT1H\"", "V" },
					{ "90", "90", "V" }, { "3600", "\"3600\"", "V" }, { "PT0.0001S", "\"PT0.0001S\"", "I" },
					{ "-5", "-5", "I" }, { "0", "0", "I" }, { "2h", "\"2h\"", "I" }, { "3601", "3601", "I" },
					{ "PT2H", "\"PT2H\"", "I" }, { "1d", "\"1d\"", "I" }, { "abc", "\"abc\"", "I" }, { "", "\"\"", "I" },
					{ "-PT5S", "\"-PT5S\"", "I" }, { "1.5", "1.5", "I" } };
			String[] duration = pick(durations);
			return new Setting("duration", duration[0], duration[1], validityOf(duration[2]), null);
		}

		private Probe unknownFault() {
			String name = pick("latencyy", "LATENCY", "Latency", "slow_body", "slowbody", "flapping", "scenarios", "events",
					"%20", "x".repeat(300), "%D0%BE%D1%88%D0%B8%D0%B1%D0%BA%D0%B0", "la%74ency", "crash%20");
			Probe probe = management("PUT", "/chaos/" + name + (chance(50) ? "?ms=1" : ""));
			return probe.expect(name.equals("la%74ency") ? Expect.ANY : Expect.REJECT);
		}

		private Probe scenario() {
			boolean known = chance(70);
			String name = known ? pick(SCENARIOS)
					: pick("FLAKY", "bogus", "", "slow/x", "outage%20", "every_third", "x".repeat(200));
			Map<String, Setting> settings = new LinkedHashMap<>();
			Validity validity = known ? Validity.VALID : Validity.INVALID;
			int dice = Fuzz.this.random.nextInt(100);
			if (dice < 30) {
				Setting duration = duration();
				settings.put("duration", duration);
				validity = validity.and(duration.validity());
			}
			else if (dice < 42) {
				String other = pick("ms", "rate", "status", "foo");
				settings.put(other, new Setting(other, "1", "1", Validity.INVALID, null));
				validity = Validity.INVALID;
			}
			return settingsRequest("/chaos/scenarios/" + name, settings, validity, false);
		}

		private Probe remove() {
			if (chance(70)) {
				return management("DELETE", "/chaos/" + pick(FaultModel.values()).id).expect(Expect.ACCEPT);
			}
			return management("DELETE", "/chaos/" + pick("bogus", "LATENCY", "scenarios", "events", "x".repeat(200)))
				.expect(Expect.REJECT);
		}

		private Probe elsewhere() {
			String[] call = pick(new String[][] { { "POST", "/chaos" }, { "PUT", "/chaos" }, { "PATCH", "/chaos/latency" },
					{ "POST", "/chaos/latency" }, { "GET", "/chaos/latency" }, { "DELETE", "/chaos/scenarios/slow" },
					{ "GET", "/chaos/latency/extra" }, { "PUT", "/chaos/scenarios/slow/x" }, { "GET", "/actuator/nope" },
					{ "GET", "/actuator/metrics/nope" }, { "GET", "/actuator/health/nope" }, { "POST", "/actuator/health" },
					{ "GET", "/api/messages" }, { "DELETE", "/chaos/events" }, { "PUT", "/chaos/events" } });
			return management(call[0], call[1]).header("Accept", "application/json").expect(Expect.REJECT);
		}

		/** After the last fault is gone the API port must answer again (a removed down fault reopens it). */
		private void awaitApi() {
			for (int attempt = 0; attempt < 20; attempt++) {
				if (oracle(backend("GET", "/api/messages?limit=1")).is(2)) {
					return;
				}
				pause(500);
			}
			Fuzz.this.report.oracleFailure("GET /api/messages after the chaos phase", oracle(backend("GET", "/api/messages?limit=1")));
		}

	}

	private static Expect expectOf(String code) {
		return switch (code) {
			case "A" -> Expect.ACCEPT;
			case "R" -> Expect.REJECT;
			default -> Expect.ANY;
		};
	}

	private static Validity validityOf(String code) {
		return switch (code) {
			case "V" -> Validity.VALID;
			case "I" -> Validity.INVALID;
			default -> Validity.UNSURE;
		};
	}

	// ================================================================================================ the store

	/** What the backend stored: the highest id seen, every message a 201 or a redirect promised, and the keys used. */
	final class Ledger {

		private long maxId;

		private final Map<Long, Stored> created = new LinkedHashMap<>();

		private final Map<String, Binding> keys = new LinkedHashMap<>();

		private final List<String> boundKeys = new ArrayList<>();

		private final List<Long> createdIds = new ArrayList<>();

		int unknownOutcomes;

		/** Reads the newest id before anything is sent; false when the backend does not answer. */
		boolean start() {
			List<Stored> newest = newest();
			if (newest == null) {
				return false;
			}
			this.maxId = newest.stream().mapToLong(Stored::id).max().orElse(0);
			return true;
		}

		/** The messages stored since the last look, newest last; advances the highest id seen. */
		List<Stored> fresh() {
			List<Stored> newest = newest();
			List<Stored> fresh = new ArrayList<>();
			if (newest == null) {
				// The list itself failed: look for the next ids one by one.
				for (long id = this.maxId + 1; id <= this.maxId + 5; id++) {
					Answer one = oracle(backend("GET", "/api/messages/" + id));
					Stored stored = one.is(2) ? Stored.of(Json.parseOrNull(one.text())) : null;
					if (stored == null) {
						break;
					}
					fresh.add(stored);
				}
			}
			else {
				newest.stream().filter((stored) -> stored.id() > this.maxId).forEach(fresh::add);
			}
			fresh.sort((a, b) -> Long.compare(a.id(), b.id()));
			fresh.forEach((stored) -> this.maxId = Math.max(this.maxId, stored.id()));
			return fresh;
		}

		private List<Stored> newest() {
			Answer answer = oracle(backend("GET", "/api/messages?limit=100"));
			if (answer.is(2) && Json.parseOrNull(answer.text()) instanceof List<?> items) {
				List<Stored> stored = new ArrayList<>();
				for (Object item : items) {
					Stored message = Stored.of(item);
					if (message != null) {
						stored.add(message);
					}
				}
				return stored;
			}
			Fuzz.this.report.oracleFailure("GET /api/messages?limit=100", answer);
			return null;
		}

		/** A request without an answer may or may not have stored something: whatever it stored is adopted. */
		void unknownOutcome(List<Stored> fresh) {
			this.unknownOutcomes += fresh.size();
		}

		/** Reads a promised message back by its id; it must be there, as it was answered. */
		void readBack(Stored promised, Probe probe, Answer answer) {
			this.created.put(promised.id(), promised);
			this.createdIds.add(promised.id());
			Answer one = oracle(backend("GET", "/api/messages/" + promised.id()));
			Stored read = one.is(2) ? Stored.of(Json.parseOrNull(one.text())) : null;
			if (read == null || !read.sameContent(promised)) {
				Fuzz.this.report.defect(Kind.LOST, probe, answer, "GET /api/messages/" + promised.id() + " answered "
						+ (one.answered() ? one.status() + " " + Text.excerpt(one.text(), 80) : one.outcome()));
			}
		}

		/** At the end: every message promised during the run is still there, unchanged. */
		void finalSweep() {
			for (Stored promised : this.created.values()) {
				Answer one = oracle(backend("GET", "/api/messages/" + promised.id()));
				Stored read = one.is(2) ? Stored.of(Json.parseOrNull(one.text())) : null;
				if (read == null || !read.sameContent(promised)) {
					Probe probe = backend("GET", "/api/messages/" + promised.id());
					Fuzz.this.report.defect(Kind.LOST, probe, one, "at the end of the run");
				}
			}
		}

		void bind(String key, Binding binding) {
			if (this.keys.put(key, binding) == null && binding.body() != null) {
				this.boundKeys.add(key);
			}
		}

		Binding binding(String key) {
			return this.keys.get(key);
		}

		/** Keys bound by a request to the API (and so replayable byte for byte). */
		List<String> boundKeys() {
			return this.boundKeys;
		}

		List<Long> createdIds() {
			return this.createdIds;
		}

		int created() {
			return this.created.size();
		}

	}

	// ================================================================================================ report

	/** Counts every answer, judges it by the general rules, prints each defect at once and a summary at the end. */
	static final class Report {

		private final Map<Api, Map<String, Integer>> perApi = new EnumMap<>(Api.class);

		private final Map<Integer, Integer> statuses = new TreeMap<>();

		private final Map<Kind, Integer> defects = new EnumMap<>(Kind.class);

		private final Map<Kind, Probe> examples = new EnumMap<>(Kind.class);

		int oracleRequests;

		int tomcat400;

		int htmlPages;

		int timeouts;

		int noAnswers;

		int oracleFailures;

		int harnessErrors;

		void judge(Probe probe, Answer answer) {
			Map<String, Integer> counts = this.perApi.computeIfAbsent(probe.api, (api) -> new LinkedHashMap<>());
			counts.merge("requests", 1, Integer::sum);
			if (answer.outcome() == Outcome.TIMEOUT) {
				counts.merge("timeout", 1, Integer::sum);
				this.timeouts++;
				System.out.printf("TIMEOUT  %s | %s | %s%n", probe.describe(), probe.bodyExcerpt(), answer.failure());
				return;
			}
			if (answer.outcome() == Outcome.NO_ANSWER) {
				counts.merge("no answer", 1, Integer::sum);
				this.noAnswers++;
				System.out.printf("NOANSWER %s | %s | %s%n", probe.describe(), probe.bodyExcerpt(), answer.failure());
				return;
			}
			int status = answer.status();
			counts.merge(status / 100 + "xx", 1, Integer::sum);
			this.statuses.merge(status, 1, Integer::sum);
			if (status >= 500) {
				defect(Kind.SERVER_ERROR, probe, answer, null);
				return;
			}
			if (status >= 400) {
				judgeRefusal(probe, answer);
				if (probe.expect == Expect.ACCEPT) {
					defect(Kind.VALID_REJECTED, probe, answer, null);
				}
			}
			else if (probe.expect == Expect.REJECT) {
				defect(Kind.INVALID_ACCEPTED, probe, answer, null);
			}
		}

		/** A 4xx: problem+json with its status (and fields for a validation problem), or one of the excused pages. */
		private void judgeRefusal(Probe probe, Answer answer) {
			String type = answer.mediaType();
			if (type.equals("text/html") && answer.text().contains("<title>HTTP Status 400")) {
				if (probe.requestLineOddity) {
					this.tomcat400++;
				}
				else {
					defect(Kind.TOMCAT_400, probe, answer, null);
				}
				return;
			}
			if (probe.page && type.equals("text/html")) {
				this.htmlPages++;
				return;
			}
			if (type.equals("application/problem+json")) {
				if (probe.method.equals("HEAD")) {
					return;
				}
				String problem = problemDefect(Json.parseOrNull(answer.text()), answer.status());
				if (problem != null) {
					defect(problem.startsWith("errors") ? Kind.FIELDLESS_VALIDATION : Kind.BAD_PROBLEM, probe, answer, problem);
				}
				return;
			}
			defect((type.equals("application/json") || type.endsWith("+json")) ? Kind.JSON_NOT_PROBLEM : Kind.NOT_PROBLEM,
					probe, answer, null);
		}

		/** What is wrong with a problem body, or null. */
		private static String problemDefect(Object problem, int status) {
			if (!(problem instanceof Map<?, ?> members)) {
				return "body is not a JSON object";
			}
			if (!(members.get("status") instanceof Long number) || number != status) {
				return "status member " + members.get("status") + " is not " + status;
			}
			if (members.get("type") instanceof String type && type.endsWith("/validation")) {
				if (!(members.get("errors") instanceof List<?> errors) || errors.isEmpty()) {
					return "errors missing or empty";
				}
				for (Object error : errors) {
					if (!(Json.member(error, "field") instanceof String field) || field.isEmpty()) {
						return "errors entry without a field: " + error;
					}
				}
			}
			return null;
		}

		void defect(Kind kind, Probe probe, Answer answer, String detail) {
			this.defects.merge(kind, 1, Integer::sum);
			this.examples.putIfAbsent(kind, probe);
			String status = (answer == null) ? "-"
					: answer.answered() ? answer.status() + " " + (answer.contentType().isEmpty() ? "(no type)" : answer.contentType())
							: answer.outcome().toString();
			String reply = (answer != null && answer.answered()) ? Text.excerpt(answer.text(), 200) : "";
			System.out.printf("DEFECT %-20s %s | %s | %s%s | %s%n", kind.id, probe.describe(), probe.bodyExcerpt(), status,
					(detail == null) ? "" : " [" + Text.excerpt(detail, 160) + "]", reply);
		}

		void oracleFailure(String what, Answer answer) {
			this.oracleFailures++;
			System.out.printf("ORACLE   %s failed: %s%n", what, answer.answered() ? answer.status() + " "
					+ Text.excerpt(answer.text(), 160) : answer.outcome() + " " + answer.failure());
		}

		void harnessError(RuntimeException ex) {
			this.harnessErrors++;
			System.out.println("HARNESS  " + ex);
			StackTraceElement[] trace = ex.getStackTrace();
			for (int i = 0; i < Math.min(3, trace.length); i++) {
				System.out.println("           at " + trace[i]);
			}
		}

		int total() {
			return this.defects.values().stream().mapToInt(Integer::intValue).sum();
		}

		/** 1 for any defect, timeout, unanswered request or failed check (a hang must not pass); 2 for our own bug. */
		int exitStatus() {
			if (total() > 0 || this.timeouts > 0 || this.noAnswers > 0 || this.oracleFailures > 0) {
				return 1;
			}
			return (this.harnessErrors > 0) ? 2 : 0;
		}

		void print(Options options, Ledger ledger, Duration elapsed) {
			System.out.println();
			System.out.printf("== Fuzz summary: seed %d, %d requests + %d oracle requests, %d s%n", options.seed(),
					options.requests(), this.oracleRequests, elapsed.toSeconds());
			List<String> columns = List.of("requests", "2xx", "3xx", "4xx", "5xx", "timeout", "no answer");
			System.out.printf("%-12s", "api");
			columns.forEach((column) -> System.out.printf("%10s", column));
			System.out.println();
			for (Api api : Api.values()) {
				Map<String, Integer> counts = this.perApi.getOrDefault(api, Map.of());
				System.out.printf("%-12s", api.label);
				columns.forEach((column) -> System.out.printf("%10d", counts.getOrDefault(column, 0)));
				System.out.println();
			}
			System.out.println("statuses:   " + this.statuses.entrySet().stream().map((entry) -> entry.getKey() + "x" + entry.getValue())
				.collect(Collectors.joining("  ")));
			int problemless = count(Kind.NOT_PROBLEM) + count(Kind.JSON_NOT_PROBLEM) + count(Kind.BAD_PROBLEM)
					+ count(Kind.FIELDLESS_VALIDATION) + count(Kind.TOMCAT_400);
			System.out.printf("5xx %d | problem-less 4xx %d | Tomcat HTML 400s (excused) %d | UI HTML error pages (excused) %d%n",
					count(Kind.SERVER_ERROR), problemless, this.tomcat400, this.htmlPages);
			System.out.printf("messages promised %d | lost %d | unexpectedly stored %d | altered %d | unknown outcome %d%n",
					ledger.created(), count(Kind.LOST), count(Kind.UNEXPECTED_STORED), count(Kind.ALTERED), ledger.unknownOutcomes);
			System.out.printf("timeouts %d | no answer %d | oracle failures %d | harness errors %d%n", this.timeouts,
					this.noAnswers, this.oracleFailures, this.harnessErrors);
			System.out.println();
			if (this.defects.isEmpty()) {
				System.out.println("No defects.");
				return;
			}
			System.out.printf("%d defects:%n", total());
			for (Map.Entry<Kind, Integer> entry : this.defects.entrySet()) {
				System.out.printf("  %5d  %-20s %s%n         e.g. %s%n", entry.getValue(), entry.getKey().id,
						entry.getKey().description, this.examples.get(entry.getKey()).curl());
			}
		}

		private int count(Kind kind) {
			return this.defects.getOrDefault(kind, 0);
		}

	}

	/** The kinds of defect, each with the short id printed on its lines. */
	enum Kind {

		SERVER_ERROR("5xx", "a server error"),
		NOT_PROBLEM("not-problem", "a 4xx that is not application/problem+json"),
		JSON_NOT_PROBLEM("json-not-problem", "a 4xx in JSON that is not problem+json"),
		BAD_PROBLEM("bad-problem", "a problem+json without its status member"),
		FIELDLESS_VALIDATION("fieldless-validation", "a validation problem whose errors do not name a field"),
		TOMCAT_400("tomcat-400", "Tomcat's HTML 400 for a well-formed request"),
		VALID_REJECTED("valid-rejected", "input the contract accepts was refused"),
		INVALID_ACCEPTED("invalid-accepted", "input the contract refuses was accepted"),
		LOST("lost", "a promised message cannot be read back as answered"),
		UNEXPECTED_STORED("unexpected-stored", "a refused request stored a message, or one request stored two"),
		ALTERED("altered", "the message stored is not the message sent"),
		REPLAY("replay", "an idempotent replay answered wrongly"),
		LOCATION("location", "Location is not the message's path"),
		CHAOS_LEFT("chaos-left", "a refused chaos change left a fault installed"),
		ACTUATOR_STATE("actuator-state", "an actuator POST changed a circuit breaker");

		final String id;

		final String description;

		Kind(String id, String description) {
			this.id = id;
			this.description = description;
		}

	}

	// ================================================================================================ model

	/** The three APIs, for the counts. */
	enum Api {

		MESSAGES("message API"), UI("UI"), CHAOS("chaos API");

		final String label;

		Api(String label) {
			this.label = label;
		}

	}

	/** What the generator requires of the status: 2xx/3xx, 4xx, or only the general rules. */
	enum Expect {
		ACCEPT, REJECT, ANY
	}

	/** What the contract says about an input: surely fine, surely refused, or left open. */
	enum Validity {

		VALID, INVALID, UNSURE;

		Validity and(Validity other) {
			if (this == INVALID || other == INVALID) {
				return INVALID;
			}
			return (this == UNSURE || other == UNSURE) ? UNSURE : VALID;
		}

		Expect expect() {
			return switch (this) {
				case VALID -> Expect.ACCEPT;
				case INVALID -> Expect.REJECT;
				case UNSURE -> Expect.ANY;
			};
		}

	}

	enum Outcome {
		ANSWERED, TIMEOUT, NO_ANSWER
	}

	/** The command line. */
	record Options(long seed, int requests, URI backend, URI management, URI ui) {

		static Options parse(String[] args) {
			Map<String, String> values = new HashMap<>();
			for (int i = 0; i < args.length; i += 2) {
				if (!args[i].startsWith("--") || i + 1 >= args.length) {
					throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
				}
				values.put(args[i].substring(2), args[i + 1]);
			}
			Set<String> names = new TreeSet<>(List.of("seed", "requests", "backend", "management", "ui"));
			for (String name : values.keySet()) {
				if (!names.contains(name)) {
					throw new IllegalArgumentException("unknown option --" + name);
				}
			}
			for (String name : names) {
				if (!values.containsKey(name)) {
					throw new IllegalArgumentException("missing --" + name);
				}
			}
			int requests;
			long seed;
			try {
				requests = Integer.parseInt(values.get("requests"));
				seed = Long.parseLong(values.get("seed"));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--seed and --requests take whole numbers");
			}
			if (requests < 10 || requests > 100_000) {
				throw new IllegalArgumentException("--requests must be between 10 and 100000");
			}
			return new Options(seed, requests, local(values.get("backend")), local(values.get("management")),
					local(values.get("ui")));
		}

		/** A base URL on 127.0.0.1 with a port and nothing after it: the fuzzer sends load nowhere else. */
		private static URI local(String url) {
			URI uri;
			try {
				uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("not a URL: " + url);
			}
			boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
					&& uri.getRawFragment() == null && uri.getRawUserInfo() == null;
			if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost()) || uri.getPort() < 1 || !bare) {
				throw new IllegalArgumentException("only http://127.0.0.1:PORT is allowed, not " + url);
			}
			return uri;
		}

	}

	/**
	 * One request to send. {@code target} is the path and query exactly as sent; over a socket each of its characters
	 * is one byte (ISO-8859-1), and so is each character of a header value ({@link Text#latin1Of} makes UTF-8 bytes).
	 */
	static final class Probe {

		private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

		final Api api;

		final String method;

		final URI base;

		final String target;

		final List<String[]> headers = new ArrayList<>();

		byte[] body;

		String note;

		Expect expect = Expect.ANY;

		/** Sent over a plain socket even if the JDK client could send it. */
		boolean raw;

		/** Tomcat may refuse the request line with its own HTML 400 before any application code runs. */
		boolean requestLineOddity;

		/** A browser-facing page or form post: a text/html error page is a fine answer. */
		boolean page;

		/** A Server-Sent Events stream: only its head and first bytes are read. */
		boolean stream;

		Probe(Api api, String method, URI base, String target) {
			this.api = api;
			this.method = method;
			this.base = base;
			this.target = target;
		}

		Probe header(String name, String value) {
			this.headers.add(new String[] { name, value });
			return this;
		}

		Probe body(String contentType, byte[] bytes) {
			if (contentType != null) {
				header("Content-Type", contentType);
			}
			this.body = bytes;
			return this;
		}

		Probe expect(Expect expect) {
			this.expect = expect;
			return this;
		}

		Probe expect(Validity validity) {
			return expect(validity.expect());
		}

		Probe note(String note) {
			this.note = note;
			return this;
		}

		Probe oddRequestLine() {
			this.requestLineOddity = true;
			this.raw = true;
			return this;
		}

		Probe page() {
			this.page = true;
			return this;
		}

		Probe stream() {
			this.stream = true;
			return this;
		}

		String header(String name) {
			return this.headers.stream().filter((header) -> header[0].equalsIgnoreCase(name)).map((header) -> header[1])
				.findFirst().orElse(null);
		}

		String url() {
			return this.base + this.target;
		}

		/** Whether the JDK client cannot send this request as it is, so that it goes over a plain socket. */
		boolean needsSocket() {
			if (this.raw) {
				return true;
			}
			try {
				URI.create(url());
			}
			catch (IllegalArgumentException ex) {
				return true;
			}
			Set<String> names = new HashSet<>();
			for (String[] header : this.headers) {
				String name = header[0].toLowerCase(Locale.ROOT);
				String value = header[1];
				if (!names.add(name) || RESTRICTED.contains(name) || value.isEmpty() || !value.equals(value.strip())
						|| !value.chars().allMatch((c) -> c >= 0x20 && c < 0x7F)) {
					return true;
				}
			}
			return false;
		}

		String describe() {
			return this.method + " " + Text.excerpt(url(), 160);
		}

		/** The body's type, what it is (a note), its start and size. */
		String bodyExcerpt() {
			if (this.body == null) {
				return "-";
			}
			String type = header("Content-Type");
			String excerpt = Text.excerpt(new String(this.body, StandardCharsets.ISO_8859_1), 60);
			String size = (this.body.length > 60) ? " (" + this.body.length + " bytes)" : "";
			return "[" + ((type != null) ? type : "no type") + "] " + ((this.note != null) ? this.note + ": " : "") + excerpt
					+ size;
		}

		/** A curl command that sends (nearly) the same request, for the summary. */
		String curl() {
			StringBuilder curl = new StringBuilder("curl -si --globoff --path-as-is");
			if (this.method.equals("HEAD")) {
				curl.append(" -I");
			}
			else if (!(this.method.equals("GET") && this.body == null)) {
				curl.append(" -X ").append(this.method);
			}
			for (String[] header : this.headers) {
				curl.append(" -H ").append(Text.bashQuote(header[1].isEmpty() ? header[0] + ";" : header[0] + ": " + header[1]));
			}
			if (this.body != null) {
				if (this.body.length <= 2000) {
					curl.append(" --data-binary ").append(Text.bashQuote(new String(this.body, StandardCharsets.ISO_8859_1)));
				}
				else {
					curl.append(" --data-binary @body  # ").append(this.body.length).append(" bytes: ").append(bodyExcerpt());
				}
			}
			return curl.append(' ').append(Text.bashQuote(url())).toString();
		}

	}

	/** An answer, or why there was none. Header names are lower case. */
	record Answer(Outcome outcome, int status, Map<String, List<String>> headers, byte[] body, String failure) {

		static Answer of(int status, Map<String, List<String>> headers, byte[] body) {
			Map<String, List<String>> lower = new TreeMap<>();
			headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
				.addAll(values));
			return new Answer(Outcome.ANSWERED, status, lower, body, null);
		}

		static Answer failed(Outcome outcome, String failure) {
			return new Answer(outcome, 0, Map.of(), new byte[0], failure);
		}

		boolean answered() {
			return this.outcome == Outcome.ANSWERED;
		}

		/** Whether it was answered with a status of this family (2 for 2xx). */
		boolean is(int family) {
			return answered() && this.status / 100 == family;
		}

		String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

		String contentType() {
			String type = header("content-type");
			return (type != null) ? type : "";
		}

		/** The content type without parameters, lower case. */
		String mediaType() {
			String type = contentType();
			int semicolon = type.indexOf(';');
			return ((semicolon >= 0) ? type.substring(0, semicolon) : type).trim().toLowerCase(Locale.ROOT);
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/** The JDK HTTP client for what it can send, a plain socket for the rest; every exchange bounded by the timeout. */
	static final class Http {

		private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

		Answer send(Probe probe) {
			try {
				return probe.needsSocket() ? overSocket(probe) : overClient(probe);
			}
			catch (HttpTimeoutException | SocketTimeoutException | TimeoutException ex) {
				return Answer.failed(Outcome.TIMEOUT, "no answer within " + TIMEOUT.toSeconds() + " s");
			}
			catch (IOException ex) {
				return Answer.failed(Outcome.NO_ANSWER, ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private Answer overClient(Probe probe) throws IOException, InterruptedException, TimeoutException {
			HttpRequest.BodyPublisher publisher = (probe.body == null) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(probe.body);
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(probe.url())).timeout(TIMEOUT)
				.method(probe.method, publisher);
			for (String[] header : probe.headers) {
				builder.header(header[0], header[1]);
			}
			HttpRequest request = builder.build();
			if (probe.stream) {
				HttpResponse<InputStream> response = await(this.client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
				boolean endless = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
				try (InputStream in = response.body()) {
					byte[] first = await(CompletableFuture.supplyAsync(() -> {
						try {
							if (!endless) {
								// Refused: an ordinary answer, read whole (at most 1 MiB), so that it can be judged.
								return in.readNBytes(1 << 20);
							}
							byte[] buffer = new byte[4096];
							int n = in.read(buffer);
							return Arrays.copyOf(buffer, Math.max(n, 0));
						}
						catch (IOException ex) {
							return new byte[0];
						}
					}));
					return Answer.of(response.statusCode(), response.headers().map(), first);
				}
			}
			// The request's timeout ends at the head; waiting on the future bounds the body too.
			HttpResponse<byte[]> response = await(this.client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
			return Answer.of(response.statusCode(), response.headers().map(), response.body());
		}

		private static <T> T await(CompletableFuture<T> future) throws IOException, InterruptedException, TimeoutException {
			try {
				return future.get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				future.cancel(true);
				throw ex;
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof IOException io) {
					throw io;
				}
				throw new IOException(ex.getCause());
			}
		}

		private Answer overSocket(Probe probe) throws IOException {
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(probe.base.getHost(), probe.base.getPort()), (int) TIMEOUT.toMillis());
				socket.setSoTimeout((int) TIMEOUT.toMillis());
				StringBuilder head = new StringBuilder(probe.method).append(' ').append(probe.target).append(" HTTP/1.1\r\n");
				if (probe.header("Host") == null) {
					head.append("Host: ").append(probe.base.getHost()).append(':').append(probe.base.getPort()).append("\r\n");
				}
				for (String[] header : probe.headers) {
					head.append(header[0]).append(": ").append(header[1]).append("\r\n");
				}
				if (probe.body != null && probe.header("Content-Length") == null && probe.header("Transfer-Encoding") == null) {
					head.append("Content-Length: ").append(probe.body.length).append("\r\n");
				}
				head.append("Connection: close\r\n\r\n");
				OutputStream out = socket.getOutputStream();
				out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
				if (probe.body != null) {
					out.write(probe.body);
				}
				out.flush();
				return parse(readUntilClosed(socket.getInputStream(), deadline), probe.method.equals("HEAD"));
			}
		}

		private static byte[] readUntilClosed(InputStream in, long deadline) throws IOException {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			int n;
			while ((n = in.read(buffer)) != -1) {
				bytes.write(buffer, 0, n);
				if (System.nanoTime() > deadline) {
					throw new SocketTimeoutException("answer not complete within the timeout");
				}
				if (bytes.size() > 4_000_000) {
					break;
				}
			}
			return bytes.toByteArray();
		}

		/** Parses an HTTP/1.1 answer read to the end of the connection. */
		static Answer parse(byte[] bytes, boolean head) throws IOException {
			int end = Text.indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
			if (end < 0) {
				throw new IOException("connection closed after " + bytes.length + " bytes, without a complete answer head");
			}
			String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
			String[] statusLine = lines[0].split(" ", 3);
			if (statusLine.length < 2 || !statusLine[1].matches("\\d{3}")) {
				throw new IOException("not an HTTP answer: " + Text.excerpt(lines[0], 80));
			}
			Map<String, List<String>> headers = new TreeMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
						.add(lines[i].substring(colon + 1).trim());
				}
			}
			byte[] body = head ? new byte[0] : Arrays.copyOfRange(bytes, end + 4, bytes.length);
			List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
			if (!head && encoding.stream().anyMatch((value) -> value.equalsIgnoreCase("chunked"))) {
				body = dechunk(body);
			}
			return Answer.of(Integer.parseInt(statusLine[1]), headers, body);
		}

		private static byte[] dechunk(byte[] chunked) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			int position = 0;
			while (position < chunked.length) {
				int lineEnd = Text.indexOf(chunked, new byte[] { '\r', '\n' }, position);
				if (lineEnd < 0) {
					break;
				}
				String sizeText = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1).split(";")[0].trim();
				int size;
				try {
					size = Integer.parseInt(sizeText, 16);
				}
				catch (NumberFormatException ex) {
					break;
				}
				if (size == 0) {
					break;
				}
				int start = lineEnd + 2;
				body.write(chunked, start, Math.min(size, chunked.length - start));
				position = start + size + 2;
			}
			return body.toByteArray();
		}

	}

	// ================================================================================================ values

	/** A text field's value and what the contract says about it. */
	record Field(String value, Validity validity) {

		/** The value as the API stores it: trimmed of Unicode white space. */
		String stored() {
			return Values.trim(this.value);
		}

	}

	/** Ordinary and hostile values for a text field ({@code author}, {@code text}), each judged by the contract. */
	static final class Values {

		private static final String[] NAMES = { "Ada", "Grace Hopper", "Linus", "Margaret", "Barbara", "Édith", "李小龍",
				"Ёжик", "O'Brien", "محمد", "Zoë", "Ngũgĩ" };

		private static final String[] TEXTS = { "Hello, Faultline", "Timeouts turn slow failures into fast ones.",
				"Retry, but only what is worth retrying.", "Ça marche très bien", "日本語のテキスト", "שלום עולם" };

		/** Scotland's flag: U+1F3F4, the tags g b s c t, U+E007F CANCEL TAG. */
		private static final String SCOTLAND = "\uD83C\uDFF4" + tags("gbsct") + "\uDB40\uDC7F";

		private static final String[] EMOJI = { "😀", "🚀", "𠜎", "👍🏽", "👨‍👩‍👧", "🇺🇳", SCOTLAND,
				"\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08" };

		private static final String[] ODDITIES = { "\uD800", "a\uDC00b", "\uDBFF", "x\uD83D", "\u202Eevil\u202C",
				"\u2066rtl\u2069", "\u200B", "\u200B\u200B", "\u200Dx", "\u00A0", "\u00A0\u00A0", "\u3000", "\u2028",
				"x\u2029y", "\uFEFFAda", "\uFFFF", "\uFDD0", "\uE000", "\u0378", "Ａｄａ", "ǅ", "\u0130stanbul",
				"\uD83D\uDE00\uFE0F", "\u180E", "\u115F", "\u3164", "e\u0301", tags("AB"), "Ada" + tags("AB"),
				"\uD83C\uDFF4" + tags("GBSCT") + "\uDB40\uDC7F", SCOTLAND + "\uDB40\uDC7F", "\uDB40\uDC01en",
				"x\u00ADy", "\uFE0F", "\uDB80\uDC00", "Ada\u200D", "a\u200D\u200Db",
				"\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "\u0915\u094D\u200D\u0937" };

		private static final String[] CONTROLS = { "a\u0007b", "line\nbreak", "tab\tinside", "\u0000", "nul\u0000nul",
				"del\u007F", "nel\u0085x", "csi\u009B2J", "esc\u001B[31mred", "cr\rx", "\u0001", "\tpadded\t", "\u0000 Ada" };

		private static final String[] INJECTIONS = { "<script>alert(1)</script>", "'; DROP TABLE messages; --",
				"${jndi:ldap://127.0.0.1/x}", "[[${7*7}]]", "[(${T(java.lang.Runtime)})]", "{{7*7}}", "%s%n%x%p",
				"../../../../etc/passwd", "null", "undefined", "\\u0000", "\"quoted\"", "\\", "</textarea><b>x</b>",
				"javascript:alert(1)", "=HYPERLINK(\"x\")", "&amp;&lt;", "%00", "+", "a&b=c" };

		private final Random random;

		Values(Random random) {
			this.random = random;
		}

		Field field(int max) {
			int dice = this.random.nextInt(100);
			String value;
			if (dice < 30) {
				value = (max == AUTHOR_MAX) ? pick(NAMES) : pick(TEXTS) + " " + this.random.nextInt(100_000);
			}
			else if (dice < 42) {
				value = pick("a".repeat(max), "a".repeat(max + 1), "  " + "b".repeat(max) + "  ", "", " ", "\t \n", "x",
						"é".repeat(max), "e\u0301".repeat(max / 2), "ß".repeat(max + 1));
			}
			else if (dice < 55) {
				String unit = pick(EMOJI);
				int units = pick(1, max / 2, max, max + 1) / unit.codePointCount(0, unit.length());
				value = unit.repeat(Math.max(1, units));
			}
			else if (dice < 72) {
				value = pick(ODDITIES);
			}
			else if (dice < 84) {
				value = pick(CONTROLS);
			}
			else if (dice < 94) {
				value = pick(INJECTIONS);
			}
			else {
				value = pick(NAMES) + pick(ODDITIES) + pick(EMOJI);
			}
			return new Field(value, classify(value, max));
		}

		/**
		 * The README's text rules, implemented here on their own: trimmed of Unicode white space; visible (not only white
		 * space, format characters, marks and blank letters); plain (see {@link #PLAIN}); at most {@code max} code
		 * points.
		 */
		static Validity classify(String value, int max) {
			String trimmed = trim(value);
			boolean visible = trimmed.codePoints().anyMatch((cp) -> !WHITE_SPACE.matcher(Character.toString(cp)).matches()
					&& Character.getType(cp) != Character.FORMAT && !MARK.matcher(Character.toString(cp)).matches()
					&& !BLANK_LETTERS.contains(cp));
			boolean plain = PLAIN.matcher(trimmed).matches();
			boolean fits = trimmed.codePointCount(0, trimmed.length()) <= max;
			return (visible && plain && fits) ? Validity.VALID : Validity.INVALID;
		}

		/** The tag characters that spell {@code ascii}, invisibly. */
		static String tags(String ascii) {
			return ascii.chars().map((c) -> 0xE0000 + c).mapToObj(Character::toString).collect(Collectors.joining());
		}

		/** Without Unicode white space ({@code White_Space}) at either end. */
		static String trim(String value) {
			return EDGES.matcher(value).replaceAll("");
		}

		/** Letters that render blank: the Hangul fillers and the blank Braille pattern. */
		private static final Set<Integer> BLANK_LETTERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);

		private static final Pattern WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}");

		private static final Pattern MARK = Pattern.compile("\\p{M}");

		/** Code points refused wherever they stand: Cc, Cs, Co, Cn (to this JDK), Cf, noncharacters, U+FFFD. */
		private static final String REFUSED = "\\p{Cc}\\p{Cs}\\p{Co}\\p{Cn}\\p{Cf}\\p{IsNoncharacter_Code_Point}"
				+ "\\x{FFFD}";

		private static final String BLANK = "\\x{115F}\\x{1160}\\x{3164}\\x{FFA0}\\x{2800}";

		/** A code point that shows on its own. */
		private static final String SHOWS = "[^" + REFUSED + "\\p{IsWhite_Space}\\p{M}" + BLANK + "]";

		/**
		 * An emoji flag sequence: U+1F3F4, a lower-case subdivision code (two letters or three digits, then one to four
		 * letters or digits) in tag characters, U+E007F CANCEL TAG.
		 */
		private static final String FLAG = "\\x{1F3F4}(?:[\\x{E0061}-\\x{E007A}]{2}|[\\x{E0030}-\\x{E0039}]{3})"
				+ "[\\x{E0030}-\\x{E0039}\\x{E0061}-\\x{E007A}]{1,4}\\x{E007F}";

		/**
		 * Plain text, by Unicode category: no refused code point, but for the tags of a flag and a zero-width joiner or
		 * non-joiner (Join_Control) right after a visible character and its marks and right before another visible
		 * character. Categories are this JDK's, so it must be the services' one (fuzz.sh runs all three with the same
		 * {@code java}): Java 17 knows Unicode 13, and a newer JDK assigns code points the services still refuse.
		 */
		private static final Pattern PLAIN = Pattern.compile("(?:" + FLAG + "|" + SHOWS
				+ "\\p{M}*+(?:\\p{IsJoin_Control}(?=" + SHOWS + "))?|[\\p{Z}\\p{M}" + BLANK + "])*+");

		private static final Pattern EDGES = Pattern.compile("^\\p{IsWhite_Space}+|\\p{IsWhite_Space}+$");

		@SafeVarargs
		private <T> T pick(T... items) {
			return items[this.random.nextInt(items.length)];
		}

	}

	/** A message as the API answers it. */
	record Stored(long id, String author, String text) {

		static Stored of(Object json) {
			if (json instanceof Map<?, ?> message && message.get("id") instanceof Long id
					&& message.get("author") instanceof String author && message.get("text") instanceof String text) {
				return new Stored(id, author, text);
			}
			return null;
		}

		boolean sameContent(Stored other) {
			return this.id == other.id && this.author.equals(other.author) && this.text.equals(other.text);
		}

	}

	/** What an idempotency key created: the message, and for keys sent to the API the exact request. */
	record Binding(long id, byte[] body, String contentType, String author, String text) {
	}

	/** A POST /api/messages with the stored author and text it should produce (null when it means none). */
	record Creation(Probe probe, String author, String text, String key, Binding replayOf) {
	}

	/** A form post with the author and text it should store (null when not predictable) and its key. */
	record FormPost(Probe probe, String author, String text, String key, Expect expect) {
	}

	/** A request body with the author and text it means (stripped), or null for both when it means none. */
	record Body(byte[] bytes, String note, String author, String text, Validity validity) {

		static Body json(String json, Field author, Field text, Validity validity) {
			return new Body(json.getBytes(StandardCharsets.UTF_8), null, author.stored(), text.stored(), validity);
		}

		static Body invalid(String json) {
			return new Body(json.getBytes(StandardCharsets.UTF_8), null, null, null, Validity.INVALID);
		}

		Body withNote(String note) {
			return new Body(this.bytes, note, this.author, this.text, this.validity);
		}

	}

	/** One chaos setting: its text in a query, its JSON in a body, whether the rules allow it, its number if whole. */
	record Setting(String name, String text, String json, Validity validity, Long number) {

		/** Given and not JSON null ("has" in the reader's sense). */
		boolean present() {
			return !"null".equals(this.json);
		}

	}

	/** The chaos API's faults as the README describes them, and its rules for their settings. */
	enum FaultModel {

		DOWN("down", false), RESET("reset", true), HANG("hang", true, "maxMs"), LATENCY("latency", true, "ms", "minMs", "maxMs"),
		ERROR("error", true, "status", "retryAfter"), TRUNCATE("truncate", true), MALFORMED("malformed", true),
		SLOW_BODY("slow-body", true, "chunkBytes", "chunkDelayMs"), FLAP("flap", true, "upMs", "downMs", "kind"),
		READINESS("readiness", false), CRASH("crash", false, "delayMs");

		static final List<String> SELECTION = List.of("rate", "seed", "everyNth", "firstN", "methods", "paths");

		static final List<FaultModel> FLAP_KINDS = List.of(DOWN, RESET, HANG, LATENCY, ERROR, TRUNCATE, MALFORMED, SLOW_BODY,
				READINESS);

		/** Every fault but crash, which is only ever sent with a setting that is refused. */
		static final List<FaultModel> INSTALLABLE = List.of(DOWN, RESET, HANG, LATENCY, ERROR, TRUNCATE, MALFORMED, SLOW_BODY,
				FLAP, READINESS);

		final String id;

		final boolean perRequest;

		final List<String> settings;

		FaultModel(String id, boolean perRequest, String... settings) {
			this.id = id;
			this.perRequest = perRequest;
			this.settings = List.of(settings);
		}

		static Optional<FaultModel> flapKind(String id) {
			return FLAP_KINDS.stream().filter((kind) -> kind.id.equals(id)).findFirst();
		}

		/** Whether the README's rules accept these settings for this fault: known names, values in range, one selector. */
		static Validity judge(FaultModel fault, Map<String, Setting> settings) {
			Validity validity = Validity.VALID;
			FaultModel kind = fault;
			if (fault == FLAP) {
				Setting given = settings.get("kind");
				kind = (given != null && given.present()) ? flapKind(given.text()).orElse(ERROR) : ERROR;
			}
			Set<String> allowed = new HashSet<>(fault.settings);
			allowed.addAll(kind.settings);
			allowed.add("duration");
			if (fault.perRequest && kind.perRequest) {
				allowed.addAll(SELECTION);
			}
			for (Setting setting : settings.values()) {
				if (!allowed.contains(setting.name())) {
					return Validity.INVALID;
				}
				if (setting.present()) {
					validity = validity.and(setting.validity());
				}
			}
			Set<String> present = settings.values().stream().filter(Setting::present).map(Setting::name)
				.collect(Collectors.toSet());
			if (kind == LATENCY) {
				boolean ms = present.contains("ms");
				boolean min = present.contains("minMs");
				boolean max = present.contains("maxMs");
				if ((ms && (min || max)) || (!ms && !(min && max))) {
					return Validity.INVALID;
				}
				Long minValue = min ? settings.get("minMs").number() : null;
				Long maxValue = max ? settings.get("maxMs").number() : null;
				if (minValue != null && maxValue != null && minValue > maxValue) {
					return Validity.INVALID;
				}
			}
			if (kind == ERROR && present.contains("retryAfter")) {
				Long status = present.contains("status") ? settings.get("status").number() : Long.valueOf(500);
				if (status == null || (status != 429 && status != 503)) {
					return Validity.INVALID;
				}
			}
			long selectors = present.stream().filter((name) -> Set.of("rate", "everyNth", "firstN").contains(name)).count();
			if (selectors > 1 || (present.contains("seed") && !present.contains("rate"))) {
				return Validity.INVALID;
			}
			return validity;
		}

	}

	// ================================================================================================ JSON and text

	/** Just enough JSON: a parser for answers, and string quoting for requests. */
	static final class Json {

		private Json() {
		}

		/** Parses JSON into maps, lists, strings, longs, doubles, booleans and null; throws on anything else. */
		static Object parse(String text) {
			Parser parser = new Parser(text);
			Object value = parser.value();
			parser.skipSpace();
			if (parser.position != text.length()) {
				throw new IllegalArgumentException("trailing characters at " + parser.position);
			}
			return value;
		}

		static Object parseOrNull(String text) {
			try {
				return parse(text);
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

		/** A member of a JSON object, or null when it is not an object. */
		static Object member(Object object, String name) {
			return (object instanceof Map<?, ?> map) ? map.get(name) : null;
		}

		/**
		 * A JSON string for the value: quotes, backslashes and control characters escaped, lone surrogates as
		 * {@code \\uXXXX} (UTF-8 cannot carry them), and with {@code ascii} every other non-ASCII character too.
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

		private static final class Parser {

			private final String text;

			private int position;

			Parser(String text) {
				this.text = text;
			}

			Object value() {
				skipSpace();
				if (this.position >= this.text.length()) {
					throw new IllegalArgumentException("unexpected end");
				}
				char c = this.text.charAt(this.position);
				switch (c) {
					case '{' -> {
						return object();
					}
					case '[' -> {
						return array();
					}
					case '"' -> {
						return string();
					}
					case 't' -> {
						return literal("true", Boolean.TRUE);
					}
					case 'f' -> {
						return literal("false", Boolean.FALSE);
					}
					case 'n' -> {
						return literal("null", null);
					}
					default -> {
						return number();
					}
				}
			}

			private Map<String, Object> object() {
				Map<String, Object> members = new LinkedHashMap<>();
				this.position++;
				skipSpace();
				if (peek() == '}') {
					this.position++;
					return members;
				}
				while (true) {
					skipSpace();
					if (peek() != '"') {
						throw new IllegalArgumentException("expected a name at " + this.position);
					}
					String name = string();
					skipSpace();
					expect(':');
					members.put(name, value());
					skipSpace();
					if (peek() == ',') {
						this.position++;
						continue;
					}
					expect('}');
					return members;
				}
			}

			private List<Object> array() {
				List<Object> items = new ArrayList<>();
				this.position++;
				skipSpace();
				if (peek() == ']') {
					this.position++;
					return items;
				}
				while (true) {
					items.add(value());
					skipSpace();
					if (peek() == ',') {
						this.position++;
						continue;
					}
					expect(']');
					return items;
				}
			}

			private String string() {
				StringBuilder out = new StringBuilder();
				this.position++;
				while (this.position < this.text.length()) {
					char c = this.text.charAt(this.position++);
					if (c == '"') {
						return out.toString();
					}
					if (c != '\\') {
						out.append(c);
						continue;
					}
					char escape = this.text.charAt(this.position++);
					switch (escape) {
						case 'b' -> out.append('\b');
						case 'f' -> out.append('\f');
						case 'n' -> out.append('\n');
						case 'r' -> out.append('\r');
						case 't' -> out.append('\t');
						case 'u' -> {
							out.append((char) Integer.parseInt(this.text.substring(this.position, this.position + 4), 16));
							this.position += 4;
						}
						default -> out.append(escape);
					}
				}
				throw new IllegalArgumentException("unterminated string");
			}

			private Object number() {
				int start = this.position;
				while (this.position < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.position)) >= 0) {
					this.position++;
				}
				String number = this.text.substring(start, this.position);
				if (number.isEmpty()) {
					throw new IllegalArgumentException("unexpected character at " + start);
				}
				try {
					return Long.valueOf(number);
				}
				catch (NumberFormatException ex) {
					return Double.valueOf(number);
				}
			}

			private Object literal(String word, Object value) {
				if (!this.text.startsWith(word, this.position)) {
					throw new IllegalArgumentException("unexpected word at " + this.position);
				}
				this.position += word.length();
				return value;
			}

			private char peek() {
				if (this.position >= this.text.length()) {
					throw new IllegalArgumentException("unexpected end");
				}
				return this.text.charAt(this.position);
			}

			private void expect(char c) {
				if (peek() != c) {
					throw new IllegalArgumentException("expected '" + c + "' at " + this.position);
				}
				this.position++;
			}

			void skipSpace() {
				while (this.position < this.text.length() && " \t\r\n".indexOf(this.text.charAt(this.position)) >= 0) {
					this.position++;
				}
			}

		}

	}

	/** Text helpers: excerpts for the report, encodings for requests. */
	static final class Text {

		private Text() {
		}

		/** At most {@code max} characters on one line: control and non-ASCII characters escaped. */
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

		/** The UTF-8 bytes of the text, one character per byte, for a socket that writes ISO-8859-1. */
		static String latin1Of(String text) {
			return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
		}

		/** Form encoding in UTF-8, or null when the text has a lone surrogate (which UTF-8 cannot carry). */
		static String formEncode(String text) {
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (Character.isHighSurrogate(c) && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
						|| Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
					return null;
				}
			}
			return URLEncoder.encode(text, StandardCharsets.UTF_8);
		}

		/** Form encoding that writes a lone surrogate as the three bytes of its code unit (invalid UTF-8). */
		static String looseFormEncode(String text) {
			StringBuilder out = new StringBuilder();
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				String encoded = formEncode(String.valueOf(c));
				if (encoded != null) {
					out.append(encoded);
				}
				else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					out.append(URLEncoder.encode(text.substring(i, i + 2), StandardCharsets.UTF_8));
					i++;
				}
				else {
					out.append(String.format("%%%02X%%%02X%%%02X", 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)));
				}
			}
			return out.toString();
		}

		/** Undoes form encoding into bytes, one character per byte (a malformed escape stays as it is). */
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

		/** The text in bash's $'...' quoting, every byte above 0x7E and every control character escaped. */
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

}
