package dev.faultline.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * What the backend stored: the highest id seen, every message a 201 or a redirect
 * promised, and the keys used.
 */
final class Ledger {

	private final FuzzRun run;

	private long maxId;

	private final Map<Long, Stored> created = new LinkedHashMap<>();

	private final Map<String, Binding> keys = new LinkedHashMap<>();

	private final List<String> boundKeys = new ArrayList<>();

	private final List<Long> createdIds = new ArrayList<>();

	int unknownOutcomes;

	Ledger(FuzzRun run) {
		this.run = run;
	}

	/**
	 * Reads the newest id before anything is sent; false when the backend does not
	 * answer.
	 */
	boolean start() {
		List<Stored> newest = newest();
		if (newest == null) {
			return false;
		}
		this.maxId = newest.stream().mapToLong(Stored::id).max().orElse(0);
		return true;
	}

	/**
	 * The messages stored since the last look, newest last; advances the highest id seen.
	 */
	List<Stored> fresh() {
		List<Stored> newest = newest();
		List<Stored> fresh = new ArrayList<>();
		if (newest == null) {
			// The list itself failed: look for the next ids one by one.
			for (long id = this.maxId + 1; id <= this.maxId + 5; id++) {
				Answer one = this.run.oracle(this.run.backend("GET", "/api/messages/" + id));
				Stored stored = one.is(2) ? Stored.of(JsonAnswers.parse(one.text())) : null;
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
		Answer answer = this.run.oracle(this.run.backend("GET", "/api/messages?limit=100"));
		JsonNode items = answer.is(2) ? JsonAnswers.parse(answer.text()) : MissingNode.getInstance();
		if (items.isArray()) {
			List<Stored> stored = new ArrayList<>();
			for (JsonNode item : items) {
				Stored message = Stored.of(item);
				if (message != null) {
					stored.add(message);
				}
			}
			return stored;
		}
		this.run.report().oracleFailure("GET /api/messages?limit=100", answer);
		return null;
	}

	/**
	 * A request without an answer may or may not have stored something: whatever it
	 * stored is adopted.
	 */
	void unknownOutcome(List<Stored> fresh) {
		this.unknownOutcomes += fresh.size();
	}

	/** Reads a promised message back by its id; it must be there, as it was answered. */
	void readBack(Stored promised, Probe probe, Answer answer) {
		this.created.put(promised.id(), promised);
		this.createdIds.add(promised.id());
		Answer one = this.run.oracle(this.run.backend("GET", "/api/messages/" + promised.id()));
		Stored read = one.is(2) ? Stored.of(JsonAnswers.parse(one.text())) : null;
		if (read == null || !read.sameContent(promised)) {
			this.run.report()
				.defect(Kind.LOST, probe, answer, "GET /api/messages/" + promised.id() + " answered "
						+ (one.answered() ? one.status() + " " + Text.excerpt(one.text(), 80) : one.outcome()));
		}
	}

	/** At the end: every message promised during the run is still there, unchanged. */
	void finalSweep() {
		for (Stored promised : this.created.values()) {
			Answer one = this.run.oracle(this.run.backend("GET", "/api/messages/" + promised.id()));
			Stored read = one.is(2) ? Stored.of(JsonAnswers.parse(one.text())) : null;
			if (read == null || !read.sameContent(promised)) {
				Probe probe = this.run.backend("GET", "/api/messages/" + promised.id());
				this.run.report().defect(Kind.LOST, probe, one, "at the end of the run");
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
