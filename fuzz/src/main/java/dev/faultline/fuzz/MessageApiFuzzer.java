package dev.faultline.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /api/messages} on the backend's API port: creation, listing, reading one, and
 * everything around.
 */
final class MessageApiFuzzer extends Surface {

	private final MessageBodies bodies;

	MessageApiFuzzer(FuzzRun run) {
		super(run);
		this.bodies = new MessageBodies(run);
	}

	void run(int quota) {
		for (int i = 0; i < quota; i++) {
			int dice = this.random.nextInt(100);
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
		List<Stored> fresh = this.ledger.fresh();
		if (!answer.answered()) {
			this.ledger.unknownOutcome(fresh);
			return;
		}
		if (answer.status() != 201) {
			for (Stored stored : fresh) {
				this.report.defect(Kind.UNEXPECTED_STORED, creation.probe(), answer, "stored as id " + stored.id());
			}
			return;
		}
		Stored answered = Stored.of(JsonAnswers.parse(answer.text()));
		if (answered == null) {
			this.report.defect(Kind.LOST, creation.probe(), answer, "201 without a message in its body");
			return;
		}
		String location = answer.header("location");
		if (!("/api/messages/" + answered.id()).equals(location)) {
			this.report.defect(Kind.LOCATION, creation.probe(), answer, "Location " + location);
		}
		boolean replayed = "true".equals(answer.header("idempotent-replayed"));
		if (creation.replayOf() != null && (!replayed || answered.id() != creation.replayOf().id())) {
			this.report.defect(Kind.REPLAY, creation.probe(), answer,
					"expected a replay of id " + creation.replayOf().id() + ", got id " + answered.id()
							+ (replayed ? " replayed" : " not marked replayed"));
		}
		else if (creation.replayOf() == null && replayed) {
			this.report.defect(Kind.REPLAY, creation.probe(), answer, "a new key answered as a replay");
		}
		for (Stored stored : fresh) {
			if (stored.id() != answered.id()) {
				this.report.defect(Kind.UNEXPECTED_STORED, creation.probe(), answer,
						"id " + stored.id() + " stored besides id " + answered.id());
			}
		}
		if (!replayed && fresh.stream().noneMatch((stored) -> stored.id() == answered.id())) {
			this.report.defect(Kind.LOST, creation.probe(), answer, "id " + answered.id() + " not among the newest");
		}
		this.ledger.readBack(answered, creation.probe(), answer);
		if (creation.author() != null && creation.text() != null
				&& (!creation.author().equals(answered.author()) || !creation.text().equals(answered.text()))) {
			this.report.defect(Kind.ALTERED, creation.probe(), answer,
					"sent author " + Text.escape(creation.author()) + " text " + Text.excerpt(creation.text(), 40));
		}
		if (creation.key() != null && !replayed) {
			this.ledger.bind(creation.key(), new Binding(answered.id(), creation.probe().body,
					creation.probe().header("Content-Type"), answered.author(), answered.text()));
		}
	}

	/**
	 * One creation request: a body, a content type, an idempotency key, each ordinary or
	 * hostile.
	 */
	private Creation creation() {
		Ledger ledger = this.ledger;
		if (chance(5) && !ledger.boundKeys().isEmpty()) {
			// The same request again with its key: answered exactly like the first time,
			// nothing stored.
			String key = pick(ledger.boundKeys());
			Binding binding = ledger.binding(key);
			Probe probe = backend("POST", "/api/messages").body(binding.contentType(), binding.body())
				.header("Idempotency-Key", key)
				.expect(Expect.ACCEPT)
				.note("replay of key " + key);
			return new Creation(probe, binding.author(), binding.text(), key, binding);
		}
		Body body = this.bodies.body();
		Probe probe = backend("POST", "/api/messages");
		Validity validity = body.validity();
		int contentType = this.random.nextInt(100);
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
		int keyDice = this.random.nextInt(100);
		if (keyDice < 58) {
			// no key
		}
		else if (keyDice < 80) {
			key = freshKey();
			probe.header("Idempotency-Key", key);
		}
		else if (keyDice < 85 && !ledger.boundKeys().isEmpty()) {
			// A used key with another request: 422, unless the request is the same after
			// trimming.
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
			// The Location must be a path, never built from the Host header the client
			// chose.
			probe.header("Host", "evil.example");
		}
		if (chance(3)) {
			probe.header("Accept", pick("text/html", "application/xml"));
			validity = validity.and(Validity.INVALID);
		}
		probe.expect(validity).note(body.note());
		return new Creation(probe, body.author(), body.text(), (validity == Validity.INVALID) ? null : key, replayOf);
	}

	/**
	 * Adds an idempotency key the contract refuses (or, trimmed by HTTP, might accept);
	 * returns which.
	 */
	private Validity badKey(Probe probe) {
		switch (this.random.nextInt(8)) {
			case 0 -> probe.header("Idempotency-Key", "");
			case 1 -> probe.header("Idempotency-Key", freshKey() + "x".repeat(65));
			case 2 -> probe.header("Idempotency-Key", "has space " + keyCounter());
			case 3 -> probe.header("Idempotency-Key", "tab\tkey" + keyCounter());
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

	// ---------------------------------------------------------------- reading

	private Probe list() {
		String[][] limits = { { "5", "A" }, { "1", "A" }, { "100", "A" }, { "0", "R" }, { "-1", "R" }, { "101", "R" },
				{ "abc", "R" }, { "99999999999", "R" }, { "1e3", "R" }, { "5.0", "R" }, { "-0", "R" }, { "0x10", "?" },
				{ "%2B5", "?" }, { "%D9%A5", "?" }, { "", "?" }, { "5&limit=abc", "?" }, { "5&limit=6", "?" },
				{ "%205", "?" }, { "5%00", "?" }, { "%ZZ", "?" }, { "00005", "?" }, { "%2310", "?" },
				{ "9".repeat(400), "R" }, { "5&foo=bar", "A" } };
		String[] limit = pick(limits);
		Probe probe = chance(8) ? backend("GET", "/api/messages").expect(Expect.ACCEPT)
				: backend("GET", "/api/messages?limit=" + limit[0]).expect(Expect.of(limit[1]));
		return maybeAccept(probe);
	}

	private Probe one() {
		String[][] ids = { { "1", "A" }, { "5", "A" }, { "0x1", "?" }, { "-1", "R" }, { "0", "R" }, { "1e3", "R" },
				{ "99999999999999999999", "R" }, { "9223372036854775807", "R" }, { "-9223372036854775808", "R" },
				{ "%D9%A1", "?" }, { "1.0", "R" }, { "%2B1", "?" }, { "%201", "?" }, { "abc", "R" }, { "1;x=y", "?" },
				{ "%EF%BC%91", "?" }, { "1%20", "?" } };
		if (chance(20) && !this.ledger.createdIds().isEmpty()) {
			return maybeAccept(backend("GET", "/api/messages/" + pick(this.ledger.createdIds())).expect(Expect.ACCEPT));
		}
		String[] id = pick(ids);
		return maybeAccept(backend("GET", "/api/messages/" + id[0]).expect(Expect.of(id[1])));
	}

	/**
	 * Sometimes asks for a representation the API does not have (406), or for JSON
	 * explicitly.
	 */
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

	/**
	 * Request lines Tomcat may refuse before any application code: raw brackets, braces,
	 * bytes, bad escapes.
	 */
	private Probe oddRequestLine() {
		String target = pick("/api/messages?limit=[5]", "/api/messages?limit={5}", "/api/messages?limit=5|6",
				"/api/messages?limit=5\"", "/api/messages/\u0080", "/api/messages?limit=5\u00ff", "/api/messages/%00",
				"/api/messages/a%2Fb", "/api/messages/%ZZ", "/api/messages/%", "/api/%2e%2e/api/messages",
				"/api/messages/..%2f..%2factuator", "/api//messages", "/api/messages;jsessionid=x", "/api/./messages",
				"/api/messages/1/..", "/api/messages/1%5C", "/api/messages?limit=5#frag", "/api/messages\\1",
				"/api/mess ages", "/api/messages/\u00e9");
		return backend(pick("GET", "GET", "POST"), target).oddRequestLine();
	}

	/**
	 * Unknown paths, wrong methods, the error page, and the chaos API where it must not
	 * be.
	 */
	private Probe elsewhere() {
		int dice = this.random.nextInt(100);
		if (dice < 35) {
			String[] path = pick(new String[][] { { "/api", "R" }, { "/api/", "R" }, { "/api/messages/", "?" },
					{ "/api/messages/1/2", "R" }, { "/api/message", "R" }, { "/API/messages", "R" },
					{ "/api/messages.json", "?" }, { "/actuator/health", "R" }, { "/chaos", "R" }, { "/", "R" },
					{ "/index.html", "R" }, { "/favicon.ico", "R" }, { "/api/messages/1/x", "R" }, { "/%20", "R" },
					{ "/api/feed", "R" } });
			return backend("GET", path[0]).expect(Expect.of(path[1]));
		}
		if (dice < 75) {
			String[] call = pick(new String[][] { { "PUT", "/api/messages" }, { "DELETE", "/api/messages" },
					{ "PATCH", "/api/messages" }, { "POST", "/api/messages/1" }, { "PUT", "/api/messages/1" },
					{ "DELETE", "/api/messages/1" }, { "PATCH", "/api/messages/1" },
					{ "DELETE", "/api/messages/abc" } });
			Probe probe = backend(call[0], call[1]).expect(Expect.REJECT);
			if (chance(50)) {
				probe.body("application/json",
						"{\"author\":\"Ada\",\"text\":\"wrong method\"}".getBytes(StandardCharsets.UTF_8));
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
