package dev.faultline.benchmarks.run;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.benchmarks.Levels;

/**
 * Turns one request made by the load generator into one row of {@code requests.csv}: what
 * was asked, when, how long it took, and what the UI said about the answer (source,
 * reason, backend calls), read from the feed's JSON or the problem+json of level none,
 * and whether it came with data within the deadline the run read from the UI.
 */
final class RequestRecorder {

	static final String FEED = "/api/feed";

	static final String ABOUT = "/about";

	static final String[] HEADER = { "scenario", "level", "path", "startEpochMs", "latencyMs", "httpStatus", "source",
			"reason", "backendCalls", "withinDeadline" };

	/**
	 * The header of {@code replica-requests.csv}: {@link #HEADER} and the replica that
	 * answered.
	 */
	static final String[] REPLICA_HEADER = { "scenario", "level", "path", "startEpochMs", "latencyMs", "httpStatus",
			"source", "reason", "backendCalls", "withinDeadline", "replica" };

	private final CsvWriter csv;

	private final boolean withReplica;

	private final long deadlineMs;

	private final ObjectMapper json = new ObjectMapper();

	RequestRecorder(CsvWriter csv, long deadlineMs) {
		this(csv, false, deadlineMs);
	}

	private RequestRecorder(CsvWriter csv, boolean withReplica, long deadlineMs) {
		this.csv = csv;
		this.withReplica = withReplica;
		this.deadlineMs = deadlineMs;
	}

	/**
	 * A recorder for the replica scenarios, whose rows ({@link #REPLICA_HEADER}) also
	 * name the replica that answered.
	 */
	static RequestRecorder withReplica(CsvWriter csv, long deadlineMs) {
		return new RequestRecorder(csv, true, deadlineMs);
	}

	/**
	 * Records a request.
	 * @param status the HTTP status, 0 when there was no answer
	 * @param body the answer's body, or {@code null}
	 */
	void record(String scenario, String level, String path, long startEpochMs, long latencyMs, int status,
			String body) {
		String source = null;
		String reason = null;
		Integer backendCalls = null;
		String replica = null;
		if (path.equals(FEED) && body != null && !body.isEmpty()) {
			try {
				JsonNode node = this.json.readTree(body);
				source = text(node.get("source"));
				reason = text(node.get("reason"));
				JsonNode calls = node.get("backendCalls");
				backendCalls = (calls != null && calls.isNumber()) ? calls.asInt() : null;
				replica = text(node.get("replica"));
			}
			catch (IOException ex) {
				// Not JSON (an error page): no source, no reason.
			}
		}
		if (path.equals(FEED) && backendCalls == null && level.equals(Levels.NONE)) {
			// Level none makes exactly one call and its failure answer does not say so.
			backendCalls = 1;
		}
		boolean answered = status == 200 && (path.equals(ABOUT) || "live".equals(source) || "cache".equals(source));
		boolean within = answered && latencyMs <= this.deadlineMs;
		if (this.withReplica) {
			this.csv.row(scenario, level, path, startEpochMs, latencyMs, status, source, reason, backendCalls, within,
					replica);
		}
		else {
			this.csv.row(scenario, level, path, startEpochMs, latencyMs, status, source, reason, backendCalls, within);
		}
	}

	private static String text(JsonNode node) {
		return (node == null || node.isNull()) ? null : node.asText();
	}

}
