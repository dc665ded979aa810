package dev.faultline.fuzz;

import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every phase of one run shares: the options, the seeded random source, the HTTP
 * client, the report, the ledger of stored messages and the idempotency keys handed out.
 * It sends two kinds of request: fuzzed ones, judged and counted against
 * {@code --requests}, and oracle ones, which only check an outcome.
 */
final class FuzzRun {

	/**
	 * The backend's {@code faultline.api.max-body-size} (16KB in its application.yml);
	 * the fuzzer sends bodies on both sides of it.
	 */
	static final int BODY_LIMIT = 16 * 1024;

	private final FuzzOptions options;

	private final Random random;

	private final Http http = new Http();

	private final Report report = new Report();

	private final Ledger ledger;

	private final Values values;

	private final String keyPrefix;

	private int keyCounter;

	FuzzRun(FuzzOptions options, String keyPrefix) {
		this.options = options;
		this.random = new Random(options.seed());
		this.values = new Values(this.random);
		this.ledger = new Ledger(this);
		this.keyPrefix = keyPrefix;
	}

	FuzzOptions options() {
		return this.options;
	}

	Random random() {
		return this.random;
	}

	Report report() {
		return this.report;
	}

	Ledger ledger() {
		return this.ledger;
	}

	Values values() {
		return this.values;
	}

	String keyPrefix() {
		return this.keyPrefix;
	}

	/** How many keys were handed out so far. */
	int keyCounter() {
		return this.keyCounter;
	}

	/** Sends a generated request and judges its answer by the general rules. */
	Answer fuzz(Probe probe) {
		Answer answer = this.http.send(probe);
		this.report.judge(probe, answer);
		return answer;
	}

	/**
	 * Sends a request the harness needs to check an outcome: not judged, not part of the
	 * budget, and tried again (three times in all) when the connection closes without an
	 * answer.
	 */
	Answer oracle(Probe probe) {
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

	Probe backend(String method, String target) {
		return new Probe(Api.MESSAGES, method, this.options.backend(), target);
	}

	Probe management(String method, String target) {
		return new Probe(Api.CHAOS, method, this.options.management(), target);
	}

	Probe ui(String method, String target) {
		return new Probe(Api.UI, method, this.options.ui(), target);
	}

	/** Removes every fault from the backend (an oracle request). */
	void clearChaos() {
		Answer answer = oracle(management("DELETE", "/chaos"));
		if (!answer.is(2)) {
			this.report.oracleFailure("DELETE /chaos", answer);
		}
	}

	/**
	 * After a refused change, checks that no fault is installed; removes any it finds.
	 */
	void expectNoFault(Probe cause, Answer causeAnswer) {
		Answer state = oracle(management("GET", "/chaos"));
		if (!state.is(2)) {
			this.report.oracleFailure("GET /chaos", state);
			return;
		}
		JsonNode faults = JsonAnswers.parse(state.text()).path("faults");
		if (faults.isArray() && !faults.isEmpty()) {
			this.report.defect(Kind.CHAOS_LEFT, cause, causeAnswer,
					"afterwards GET /chaos lists " + Text.excerpt(state.text().replaceAll("\\s+", " "), 120));
			clearChaos();
		}
	}

	boolean chance(int percent) {
		return this.random.nextInt(100) < percent;
	}

	int between(int min, int max) {
		return min + this.random.nextInt(max - min + 1);
	}

	@SafeVarargs
	final <T> T pick(T... items) {
		return items[this.random.nextInt(items.length)];
	}

	<T> T pick(List<T> items) {
		return items.get(this.random.nextInt(items.size()));
	}

	/**
	 * A valid idempotency key never used before: 1..64 visible ASCII characters,
	 * sometimes exactly 64.
	 */
	String freshKey() {
		String key = this.keyPrefix + (++this.keyCounter) + "-";
		int length = chance(15) ? 64 : between(key.length(), 40);
		StringBuilder builder = new StringBuilder(key);
		while (builder.length() < length) {
			builder.append((char) between(0x21, 0x7E));
		}
		return builder.toString();
	}

	/**
	 * Runs one step of a phase; an error in the harness's own code is reported as such
	 * and the phase goes on.
	 */
	void step(Runnable step) {
		try {
			step.run();
		}
		catch (RuntimeException ex) {
			this.report.harnessError(ex);
		}
	}

	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
