package dev.faultline.fuzz;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How an answer is judged, and what the exit status says. */
class ReportTests {

	private final Probe probe = new Probe(Api.MESSAGES, "POST", URI.create("http://127.0.0.1:1"), "/api/messages");

	@Test
	void aProblemMustCarryItsStatusAndNameAFieldForEachValidationError() {
		assertThat(Report.problemDefect(JsonAnswers.parse("{\"status\":400,\"type\":\"/problems/validation\","
				+ "\"errors\":[{\"field\":\"text\",\"rule\":\"size\"}]}"), 400))
			.isNull();
		assertThat(Report.problemDefect(JsonAnswers.parse("{\"status\":\"400\"}"), 400))
			.isEqualTo("status member \"400\" is not 400");
		assertThat(Report.problemDefect(JsonAnswers.parse("{\"status\":400} x"), 400))
			.isEqualTo("body is not a JSON object");
		assertThat(Report.problemDefect(JsonAnswers
			.parse("{\"status\":400,\"type\":\"/problems/validation\",\"errors\":[{\"rule\":\"size\"}]}"), 400))
			.startsWith("errors entry without a field");
		assertThat(Report.problemDefect(JsonAnswers.parse("{\"status\":400,\"type\":\"/problems/validation\"}"), 400))
			.isEqualTo("errors missing or empty");
	}

	@Test
	void aServerErrorOrAPlainJson4xxIsADefect() {
		Report report = new Report();
		report.judge(this.probe, answer(500, "application/problem+json", "{\"status\":500}"));
		report.judge(this.probe, answer(400, "application/json", "{\"status\":400}"));
		assertThat(report.total()).isEqualTo(2);
		assertThat(report.exitStatus()).isEqualTo(1);
	}

	@Test
	void anInputTheContractRefusesMustBeRefused() {
		Report report = new Report();
		report.judge(this.probe.expect(Expect.REJECT), answer(201, "application/json", "{}"));
		assertThat(report.total()).isEqualTo(1);
	}

	@Test
	void aCleanRunExitsWithZeroAndATimeoutFailsIt() {
		Report report = new Report();
		report.judge(this.probe.expect(Expect.REJECT), answer(400, "application/problem+json", "{\"status\":400}"));
		assertThat(report.exitStatus()).isZero();
		report.judge(this.probe, Answer.failed(Outcome.TIMEOUT, "no answer within 10 s"));
		assertThat(report.total()).isZero();
		assertThat(report.exitStatus()).isEqualTo(1);
	}

	private static Answer answer(int status, String type, String body) {
		return Answer.of(status, Map.of("Content-Type", List.of(type)), body.getBytes());
	}

}
