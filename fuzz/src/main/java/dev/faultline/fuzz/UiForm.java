package dev.faultline.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.faultline.text.MessageText;

/**
 * The UI's posting form: hostile fields, keys, CSRF tokens, levels and encodings; the
 * store checked after each post.
 */
final class UiForm extends UiSurface {

	private int bigForms;

	UiForm(FuzzRun run, UiSession session) {
		super(run, session);
	}

	/**
	 * Posts the form and checks the store: a redirect stored exactly one message,
	 * anything else none.
	 */
	void postForm() {
		FormPost post = formPost();
		Answer answer = fuzz(post.probe());
		List<Stored> fresh = this.ledger.fresh();
		if (!answer.answered()) {
			this.ledger.unknownOutcome(fresh);
			return;
		}
		Ledger ledger = this.ledger;
		if (answer.status() == 302) {
			Binding bound = (post.key() != null) ? ledger.binding(post.key()) : null;
			boolean replay = bound != null && post.author() != null && bound.author().equals(post.author())
					&& bound.text().equals(post.text());
			// A used key with a message that cannot be predicted may be a replay (nothing
			// stored) or not.
			int expected = (replay || (bound != null && post.author() == null)) ? 0 : 1;
			if (fresh.size() < expected) {
				this.report.defect(Kind.LOST, post.probe(), answer, "redirected as posted, nothing stored");
			}
			int allowed = (bound != null && post.author() == null) ? 1 : expected;
			for (Stored stored : fresh.subList(Math.min(allowed, fresh.size()), fresh.size())) {
				this.report.defect(Kind.UNEXPECTED_STORED, post.probe(), answer,
						"one post stored id " + stored.id() + " as well");
			}
			if (post.expect() == Expect.REJECT) {
				this.report.defect(Kind.INVALID_ACCEPTED, post.probe(), answer, "form redirected as posted");
			}
			if (!fresh.isEmpty()) {
				Stored stored = fresh.get(0);
				ledger.readBack(stored, post.probe(), answer);
				if (post.author() != null
						&& (!post.author().equals(stored.author()) || !post.text().equals(stored.text()))) {
					this.report.defect(Kind.ALTERED, post.probe(), answer, "sent author " + Text.escape(post.author())
							+ " text " + Text.excerpt(post.text(), 40) + ", stored " + Text.escape(stored.author()));
				}
				if (post.key() != null && bound == null) {
					ledger.bind(post.key(), new Binding(stored.id(), null, null, stored.author(), stored.text()));
				}
			}
			return;
		}
		for (Stored stored : fresh) {
			this.report.defect(Kind.UNEXPECTED_STORED, post.probe(), answer, "refused post stored id " + stored.id());
		}
		if (post.expect() == Expect.ACCEPT) {
			this.report.defect(Kind.VALID_REJECTED, post.probe(), answer,
					(answer.status() == 200) ? "the form came back instead of a redirect" : "valid form post refused");
		}
	}

	/**
	 * A form post: hostile field values, keys, tokens, levels, content types and
	 * encodings.
	 */
	FormPost formPost() {
		Field author = this.values.field(MessageText.AUTHOR_MAX);
		Field text = this.values.field(MessageText.TEXT_MAX);
		// The form and the backend trim Unicode white space alike: judge and compare what
		// is left.
		Validity authorValidity = Values.classify(author.value(), MessageText.AUTHOR_MAX);
		Validity validity = Values.classify(text.value(), MessageText.TEXT_MAX);
		String storedAuthor = Values.trim(author.value());
		String storedText = Values.trim(text.value());
		List<String[]> fields = new ArrayList<>();
		String encodedAuthor = Text.formEncode(author.value());
		String encodedText = Text.formEncode(text.value());
		if (encodedAuthor == null || encodedText == null) {
			// A lone surrogate cannot be sent as UTF-8: sent as the bytes of one, it
			// decodes to something else.
			authorValidity = authorValidity.and(Validity.UNSURE);
			validity = validity.and(Validity.UNSURE);
			storedAuthor = null;
			encodedAuthor = Text.looseFormEncode(author.value());
			encodedText = Text.looseFormEncode(text.value());
		}
		// An author that is not sent as itself (bad encoding, or given twice and joined)
		// cannot be judged.
		int oddity = this.random.nextInt(100);
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
		int keyDice = this.random.nextInt(100);
		if (keyDice < 78) {
			key = freshKey();
			fields.add(new String[] { "idempotencyKey", Text.formEncode(key) });
		}
		else if (keyDice < 82) {
			// no key: the form's own field is missing, the post goes without one
		}
		else if (keyDice < 88 && !this.ledger.boundKeys().isEmpty()) {
			key = pick(this.ledger.boundKeys());
			Binding binding = this.ledger.binding(key);
			boolean same = binding.author().equals(storedAuthor) && binding.text().equals(storedText);
			fields.add(new String[] { "idempotencyKey", Text.formEncode(key) });
			validity = validity.and(same ? Validity.VALID : Validity.INVALID);
		}
		else {
			String[] bad = pick(new String[][] { { "", "R" }, { "   ", "R" }, { "k".repeat(65), "R" },
					{ "ключ-" + keyCounter(), "R" }, { "has space", "R" }, { "  " + freshKey() + "  ", "trim" } });
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
		int levelDice = this.random.nextInt(100);
		if (levelDice < 80) {
			level = pick(this.session.levels());
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
		Probe probe = ui("POST", target).header("Accept", Probe.BROWSER).page();
		int token = this.random.nextInt(100);
		if (token < 84) {
			fields.add(new String[] { "_csrf", this.session.formToken() });
			probe.header("Cookie", this.session.cookie());
		}
		else if (token < 90) {
			probe.header("Cookie", this.session.cookie()).header(this.session.csrfHeader(), this.session.headerToken());
		}
		else if (token < 94) {
			probe.header("Cookie", this.session.cookie());
			validity = Validity.INVALID;
		}
		else if (token < 97) {
			fields.add(new String[] { "_csrf", "not-the-token" });
			probe.header("Cookie", this.session.cookie());
			validity = Validity.INVALID;
		}
		else {
			fields.add(new String[] { "_csrf", this.session.formToken() });
			validity = Validity.INVALID;
		}
		String body = fields.stream().map((field) -> field[0] + "=" + field[1]).collect(Collectors.joining("&"));
		int type = this.random.nextInt(100);
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
			probe.body("application/x-www-form-urlencoded",
					(body + "&text=" + "z".repeat(2_200_000)).getBytes(StandardCharsets.ISO_8859_1));
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
			body.append("--fuzzboundary\r\nContent-Disposition: form-data; name=\"")
				.append(field[0])
				.append("\"\r\n\r\n")
				.append(Text.formDecodeToLatin1(field[1]))
				.append("\r\n");
		}
		body.append("--fuzzboundary--\r\n");
		return body.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

}
