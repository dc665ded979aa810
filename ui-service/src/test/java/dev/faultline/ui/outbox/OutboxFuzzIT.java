package dev.faultline.ui.outbox;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.faultline.testsupport.ErrorLog;
import dev.faultline.testsupport.TestHttp;
import dev.faultline.text.MessageText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.statistics.Statistics;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the outbox at its cap: with the backend down and at most
 * {@link OutboxStack#MAX_WAITING} posts allowed to wait, a generated sequence of posts
 * (new ones, the same form again, the same key with an edited text, a text the rules
 * refuse) goes to one or two UI replicas, and a model says what each must answer. A post
 * with room is queued (302); one beyond the cap is refused and comes back in the form
 * with the same key; a key queued with another text is refused with a new key; a refused
 * text comes back with the same key and is not queued. After every post the outbox holds
 * exactly the model's posts, never more than the cap, none dropped. When the backend is
 * back, every queued post is stored exactly once and nothing else is, and no ERROR line
 * was logged. Seeded.
 */
class OutboxFuzzIT {

	private static OutboxStack stack;

	/** One browser (one session) per replica. */
	private static List<TestHttp> browsers;

	private static OutboxProperties outbox;

	private static ErrorLog errorLog;

	/** Numbers the tries, so that each try's texts are its own. */
	private static int tries;

	@BeforeContainer
	static void startRedisBackendAndTwoReplicas() throws Exception {
		stack = OutboxStack.startOrSkip(OutboxFuzzIT.class);
		List<ConfigurableApplicationContext> replicas = new ArrayList<>();
		for (String id : List.of("ui-fuzz-1", "ui-fuzz-2")) {
			// 30 s in application.yml: after a few seconds of outage a post's next
			// attempt could be 8 s away; 2 s keeps the wait after each try short.
			replicas.add(stack.startUi(id, "--faultline.outbox.max-backoff=2s"));
		}
		browsers = replicas.stream().map(stack::browser).toList();
		outbox = replicas.get(0).getBean(OutboxProperties.class);
		// Opened once both replicas run: starting one resets the logging system.
		errorLog = ErrorLog.open();
	}

	@AfterContainer
	static void stopEverything() {
		if (errorLog != null) {
			errorLog.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	/**
	 * Each try starts with the backend up and an empty outbox, even after a try that
	 * failed half-way, and sees only the ERROR lines it caused itself.
	 */
	@BeforeTry
	void emptyOutboxAndLog() {
		stack.backend().management("DELETE", "/chaos");
		stack.until(() -> waiting().isEmpty() && "0".equals(streamLength()), OutboxStack.DELIVERED_WITHIN,
				"an empty outbox");
		errorLog.clear();
	}

	// A seed whose ten tries reach the cap in eight and use both replicas in eight, and
	// send the same form and a reused key at the cap too: see the statistics.
	@Property(tries = 10, seed = "20261244")
	void postsBeyondTheCapAreRefusedInTheFormAndEveryQueuedPostIsStoredOnce(
			@ForAll @IntRange(min = 1, max = 2) int replicaCount, @ForAll("actions") List<Action> actions) {
		assertThat(stack.backend().management("PUT", "/chaos/down")).isEqualTo(200);
		Model model = new Model("try " + (++tries) + ", ");
		Statistics.label("replicas").collect(replicaCount);

		for (Action action : actions) {
			TestHttp browser = browsers.get(action.replica() % replicaCount);
			Form form = model.formFor(action);
			Outcome expected = model.expect(form);
			Map<String, String> fields = stack.form(browser, form.text());
			if (form.key() != null) {
				fields.put("idempotencyKey", form.key());
			}
			String key = fields.get("idempotencyKey");

			HttpResponse<String> answer = stack.submit(browser, fields, action.level());

			String what = action + " sent as " + new Form(key, form.text(), form.refusedText()) + ", expected "
					+ expected;
			Statistics.label("outcome").collect(expected, model.atCap() ? "at the cap" : "below it");
			if (expected == Outcome.QUEUED || expected == Outcome.ALREADY_QUEUED) {
				assertThat(answer.statusCode()).as("%s: %s", what, answer.body()).isEqualTo(302);
				model.queue(key, form.text());
			}
			else {
				assertThat(answer.statusCode()).as("%s: %s", what, answer.body()).isEqualTo(200);
				assertThat(answer.body()).as("%s: the text kept in the form", what).contains(form.text());
				String keyOnPage = stack.keyOn(answer.body());
				if (expected == Outcome.KEY_REUSED) {
					assertThat(answer.body()).as(what).contains(OutboxStack.KEY_REUSED, "is queued for the backend");
					assertThat(keyOnPage).as("%s: a new key for the new text", what).isNotEqualTo(key);
				}
				else {
					assertThat(answer.body()).as(what)
						.contains((expected == Outcome.FULL) ? OutboxStack.QUEUE_FULL : "class=\"field-error\"");
					assertThat(keyOnPage).as("%s: the same key, so sending it again cannot store it twice", what)
						.isEqualTo(key);
				}
				model.inHand(new Form(keyOnPage, form.text(), form.refusedText()));
			}
			assertThat(waiting()).as("%s: the posts waiting, none dropped", what).isEqualTo(model.waiting());
			assertThat(Integer.parseInt(streamLength())).as("%s: the stream", what)
				.isEqualTo(model.waiting().size())
				.isLessThanOrEqualTo(OutboxStack.MAX_WAITING);
		}
		Statistics.label("reached the cap").collect(model.atCap());

		assertThat(stack.backend().management("DELETE", "/chaos")).isEqualTo(200);
		stack.until(() -> waiting().isEmpty() && "0".equals(streamLength()), OutboxStack.DELIVERED_WITHIN,
				"every queued post delivered and settled");
		assertThat(stack.storedTexts().stream().filter((text) -> text.startsWith(model.prefix())))
			.as("stored: each queued post once, nothing refused")
			.containsExactlyInAnyOrderElementsOf(model.storedOnceDelivered());
		assertThat(errorLog.errors()).isEmpty();
	}

	@Provide
	Arbitrary<List<Action>> actions() {
		Arbitrary<Kind> kind = Arbitraries.frequency(Tuple.of(6, Kind.NEW), Tuple.of(2, Kind.AGAIN),
				Tuple.of(2, Kind.EDITED), Tuple.of(1, Kind.REFUSED));
		return Combinators
			.combine(kind, Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 1),
					Arbitraries.of("full", "fallback"), Arbitraries.of(Refusal.class))
			.as(Action::new)
			.list()
			.ofMinSize(3)
			.ofMaxSize(12);
	}

	/** The Idempotency-Keys in the outbox's hash of posts. */
	private static Set<String> waiting() {
		String keys = stack.redis().command("HKEYS", outbox.posts());
		String listed = keys.substring(1, keys.length() - 1);
		return listed.isEmpty() ? Set.of() : Set.of(listed.split(", "));
	}

	private static String streamLength() {
		return stack.redis().command("XLEN", outbox.stream());
	}

	/** What a post is. */
	enum Kind {

		/** A new form, with a new text. */
		NEW,

		/** A form the browser holds, sent again as it is. */
		AGAIN,

		/** A form the browser holds, its key kept and its text edited. */
		EDITED,

		/** A new form, with a text the rules refuse. */
		REFUSED

	}

	/** What the UI must answer to a post, by the model. */
	enum Outcome {

		/** Room in the outbox: queued, 302. */
		QUEUED,

		/** The key is queued with this text: the post already queued, 302. */
		ALREADY_QUEUED,

		/** The outbox is at its cap: refused, the form back with the same key. */
		FULL,

		/** The key is queued with another text: refused, the form back with a new key. */
		KEY_REUSED,

		/** The text breaks a rule: refused, the form back with the same key. */
		INVALID

	}

	/** A way to break the text rules, added to a text that is otherwise fine. */
	enum Refusal {

		/** One code point beyond the longest text. */
		TOO_LONG,

		/** A zero-width space inside: invisible, a format character. */
		ZERO_WIDTH_SPACE,

		/**
		 * A right-to-left override: the text would read differently from what is stored.
		 */
		BIDI_OVERRIDE,

		/** A private-use code point. */
		PRIVATE_USE,

		/** A line break: a control character. */
		LINE_BREAK;

		String spoil(String text) {
			return switch (this) {
				case TOO_LONG -> text + " " + "y".repeat(MessageText.TEXT_MAX - text.length());
				case ZERO_WIDTH_SPACE -> text + "\u200Bx";
				case BIDI_OVERRIDE -> text + " \u202Eevil";
				case PRIVATE_USE -> text + " \uE000";
				case LINE_BREAK -> text + "\nmore";
			};
		}

	}

	/**
	 * One generated post.
	 *
	 * @param kind what it is
	 * @param pick which of the forms the browser holds, for {@link Kind#AGAIN} and
	 * {@link Kind#EDITED}, modulo how many it holds
	 * @param replica which replica it goes to, modulo how many the try uses
	 * @param level the level it is sent at, one that queues
	 * @param refusal how the text breaks the rules, for {@link Kind#REFUSED}
	 */
	record Action(Kind kind, int pick, int replica, String level, Refusal refusal) {
	}

	/**
	 * A form as the browser holds it.
	 *
	 * @param key its Idempotency-Key, or {@code null} for a new form (the page's key)
	 * @param text its text
	 * @param refusedText whether the text breaks a rule
	 */
	record Form(String key, String text, boolean refusedText) {

		@Override
		public String toString() {
			return "Form[" + ((this.key != null) ? this.key : "new key") + ", " + this.text.replace("\n", "\\n") + "]";
		}

	}

	/**
	 * What must happen: which keys are queued with which text, and the forms the browser
	 * holds after each answer (the form sent, or the one the page gave back).
	 */
	static final class Model {

		private final String prefix;

		private final Map<String, String> queued = new LinkedHashMap<>();

		private final List<Form> held = new ArrayList<>();

		private int texts;

		Model(String prefix) {
			this.prefix = prefix;
		}

		/** What every text of this try starts with. */
		String prefix() {
			return this.prefix;
		}

		/** The form the action sends; with no form held yet, a new one. */
		Form formFor(Action action) {
			if (action.kind() == Kind.REFUSED) {
				return new Form(null, action.refusal().spoil(nextText()), true);
			}
			if (action.kind() == Kind.NEW || this.held.isEmpty()) {
				return new Form(null, nextText(), false);
			}
			Form form = this.held.get(action.pick() % this.held.size());
			return (action.kind() == Kind.AGAIN) ? form : new Form(form.key(), nextText(), false);
		}

		/**
		 * The answer due: the rules come first, then the outbox's script, which looks for
		 * the key before it counts.
		 */
		Outcome expect(Form form) {
			if (form.refusedText()) {
				return Outcome.INVALID;
			}
			String first = (form.key() != null) ? this.queued.get(form.key()) : null;
			if (first != null) {
				return first.equals(form.text()) ? Outcome.ALREADY_QUEUED : Outcome.KEY_REUSED;
			}
			return (this.queued.size() >= OutboxStack.MAX_WAITING) ? Outcome.FULL : Outcome.QUEUED;
		}

		/** The post was queued (or found queued) under the key. */
		void queue(String key, String text) {
			this.queued.putIfAbsent(key, text);
			inHand(new Form(key, text, false));
		}

		/** The browser holds the form, to send again or edit. */
		void inHand(Form form) {
			if (!this.held.contains(form)) {
				this.held.add(form);
			}
		}

		boolean atCap() {
			return this.queued.size() == OutboxStack.MAX_WAITING;
		}

		Set<String> waiting() {
			return new HashSet<>(this.queued.keySet());
		}

		/** The texts the backend must store once it is back: each queued post once. */
		List<String> storedOnceDelivered() {
			return List.copyOf(this.queued.values());
		}

		private String nextText() {
			return this.prefix + String.format("post %02d", ++this.texts);
		}

	}

}
