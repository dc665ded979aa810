package dev.faultline.fuzz;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Counts every answer, judges it by the general rules, prints each defect at once and a
 * summary at the end.
 */
final class Report {

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

	/**
	 * A 4xx: problem+json with its status (and fields for a validation problem), or one
	 * of the excused pages.
	 */
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
			String problem = problemDefect(JsonAnswers.parse(answer.text()), answer.status());
			if (problem != null) {
				defect(problem.startsWith("errors") ? Kind.FIELDLESS_VALIDATION : Kind.BAD_PROBLEM, probe, answer,
						problem);
			}
			return;
		}
		defect((type.equals("application/json") || type.endsWith("+json")) ? Kind.JSON_NOT_PROBLEM : Kind.NOT_PROBLEM,
				probe, answer, null);
	}

	/** What is wrong with a problem body, or null. */
	static String problemDefect(JsonNode problem, int status) {
		if (!problem.isObject()) {
			return "body is not a JSON object";
		}
		JsonNode number = problem.path("status");
		if (!number.isIntegralNumber() || number.longValue() != status) {
			return "status member " + (number.isMissingNode() ? null : number) + " is not " + status;
		}
		JsonNode type = problem.path("type");
		if (type.isTextual() && type.textValue().endsWith("/validation")) {
			JsonNode errors = problem.path("errors");
			if (!errors.isArray() || errors.isEmpty()) {
				return "errors missing or empty";
			}
			for (JsonNode error : errors) {
				JsonNode field = error.path("field");
				if (!field.isTextual() || field.textValue().isEmpty()) {
					return "errors entry without a field: " + error;
				}
			}
		}
		return null;
	}

	void defect(Kind kind, Probe probe, Answer answer, String detail) {
		this.defects.merge(kind, 1, Integer::sum);
		this.examples.putIfAbsent(kind, probe);
		String status = "-";
		String reply = "";
		if (answer != null && answer.answered()) {
			String type = answer.contentType();
			status = answer.status() + " " + (type.isEmpty() ? "(no type)" : type);
			reply = Text.excerpt(answer.text(), 200);
		}
		else if (answer != null) {
			status = answer.outcome().toString();
		}
		System.out.printf("DEFECT %-20s %s | %s | %s%s | %s%n", kind.id, probe.describe(), probe.bodyExcerpt(), status,
				(detail != null) ? " [" + Text.excerpt(detail, 160) + "]" : "", reply);
	}

	void oracleFailure(String what, Answer answer) {
		this.oracleFailures++;
		System.out.printf("ORACLE   %s failed: %s%n", what, answer.answered()
				? answer.status() + " " + Text.excerpt(answer.text(), 160) : answer.outcome() + " " + answer.failure());
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

	/**
	 * 1 for any defect, timeout, unanswered request or failed check (a hang must not
	 * pass); 2 for our own bug.
	 */
	int exitStatus() {
		if (total() > 0 || this.timeouts > 0 || this.noAnswers > 0 || this.oracleFailures > 0) {
			return 1;
		}
		return (this.harnessErrors > 0) ? 2 : 0;
	}

	void print(FuzzOptions options, Ledger ledger, Duration elapsed) {
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
		System.out.println("statuses:   " + this.statuses.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "x" + entry.getValue())
			.collect(Collectors.joining("  ")));
		int problemless = count(Kind.NOT_PROBLEM) + count(Kind.JSON_NOT_PROBLEM) + count(Kind.BAD_PROBLEM)
				+ count(Kind.FIELDLESS_VALIDATION) + count(Kind.TOMCAT_400);
		System.out.printf(
				"5xx %d | problem-less 4xx %d | Tomcat HTML 400s (excused) %d | UI HTML error pages (excused) %d%n",
				count(Kind.SERVER_ERROR), problemless, this.tomcat400, this.htmlPages);
		System.out.printf("messages promised %d | lost %d | unexpectedly stored %d | altered %d | unknown outcome %d%n",
				ledger.created(), count(Kind.LOST), count(Kind.UNEXPECTED_STORED), count(Kind.ALTERED),
				ledger.unknownOutcomes);
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
