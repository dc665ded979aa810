package dev.faultline.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The chaos control API on the management port; every accepted change is undone with
 * DELETE /chaos at once.
 */
final class ChaosFuzzer extends Surface {

	private List<String> scenarios = List.of();

	private final ChaosSettings settingValues;

	ChaosFuzzer(FuzzRun run) {
		super(run);
		this.settingValues = new ChaosSettings(run);
	}

	void run(int quota) {
		clearChaos();
		this.scenarios = scenarios();
		for (int i = 0; i < quota; i++) {
			int dice = this.random.nextInt(100);
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
					probe = management("GET", pick("/chaos", "/chaos/events", "/chaos/scenarios"))
						.expect(Expect.ACCEPT);
				}
				else if (dice < 97) {
					probe = elsewhere();
				}
				else {
					probe = management("PUT", pick("/chaos/latency?ms=[1]", "/chaos/latency?paths=/api/{id}",
							"/chaos/latency?ms=1|2", "/chaos/%00", "/chaos/lat ency?ms=1"))
						.oddRequestLine();
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

	/**
	 * {@code PUT /chaos/{fault}} with random settings in the query, a JSON body, or both.
	 */
	private Probe install() {
		FaultModel fault = chance(5) ? FaultModel.CRASH : pick(FaultModel.INSTALLABLE);
		FaultModel kind = fault;
		Map<String, Setting> settings = new LinkedHashMap<>();
		if (fault == FaultModel.FLAP && chance(80)) {
			Setting setting = this.settingValues.kindSetting();
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
			settings.put(name, this.settingValues.value(name, kind));
		}
		if (fault == FaultModel.CRASH) {
			// Never a crash the backend could accept: its delay is always out of range,
			// which is refused first.
			settings.put("delayMs", new Setting("delayMs", pick("-1", "60001", "abc"), null, Validity.INVALID, null));
		}
		Validity validity = FaultModel.judge(fault, settings);
		if (fault == FaultModel.CRASH && validity != Validity.INVALID) {
			throw new IllegalStateException("a crash request that could be accepted was generated");
		}
		return settingsRequest("/chaos/" + fault.id, settings, validity, fault == FaultModel.CRASH);
	}

	/**
	 * Puts the settings into the query and/or a JSON body, with the body's own oddities.
	 */
	private Probe settingsRequest(String path, Map<String, Setting> settings, Validity validity, boolean queryOnly) {
		List<String> query = new ArrayList<>();
		List<String> json = new ArrayList<>();
		int mode = queryOnly ? 0 : this.random.nextInt(100);
		for (Setting setting : settings.values()) {
			// JSON null exists only in a body; in a query it would be an empty value.
			boolean inBody = setting.json() != null && !queryOnly
					&& ("null".equals(setting.json()) || (mode >= 55 && (mode < 85 || chance(50))));
			if (inBody) {
				json.add(JsonText.quote(setting.name(), false) + ":" + setting.json());
			}
			else {
				query.add(Text.formEncode(setting.name()) + "=" + Text.formEncode(setting.text()));
			}
		}
		if (!queryOnly && !query.isEmpty() && chance(6)) {
			// One name twice in the query: a list, which only methods and paths take.
			String first = query.get(0);
			query.add(first);
			validity = validity
				.and((first.startsWith("methods=") || first.startsWith("paths=")) ? Validity.UNSURE : Validity.INVALID);
		}
		if (!queryOnly && !query.isEmpty() && !json.isEmpty() && chance(20)) {
			// The same name in the query and the body: refused, since it is unclear which
			// was meant.
			String name = query.get(0).substring(0, query.get(0).indexOf('='));
			json.add(JsonText.quote(Text.formDecodeToLatin1(name), false) + ":1");
			validity = Validity.INVALID;
		}
		Probe probe = management("PUT", path + (query.isEmpty() ? "" : "?" + String.join("&", query)));
		if (!json.isEmpty() || (!queryOnly && chance(15))) {
			String body = "{" + String.join(",", json) + "}";
			int oddity = this.random.nextInt(100);
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
				body = body + " ".repeat(FuzzRun.BODY_LIMIT + 100);
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

	private Probe unknownFault() {
		String name = pick("latencyy", "LATENCY", "Latency", "slow_body", "slowbody", "flapping", "scenarios", "events",
				"%20", "x".repeat(300), "%D0%BE%D1%88%D0%B8%D0%B1%D0%BA%D0%B0", "la%74ency", "crash%20");
		Probe probe = management("PUT", "/chaos/" + name + (chance(50) ? "?ms=1" : ""));
		return probe.expect(name.equals("la%74ency") ? Expect.ANY : Expect.REJECT);
	}

	private Probe scenario() {
		boolean known = chance(70) && !this.scenarios.isEmpty();
		String name = known ? pick(this.scenarios)
				: pick("FLAKY", "bogus", "", "slow/x", "outage%20", "every_third", "x".repeat(200));
		Map<String, Setting> settings = new LinkedHashMap<>();
		Validity validity = known ? Validity.VALID : Validity.INVALID;
		int dice = this.random.nextInt(100);
		if (dice < 30) {
			Setting duration = this.settingValues.duration();
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

	/**
	 * The scenarios the backend offers, from {@code GET /chaos/scenarios}; a fault in
	 * them that {@link FaultModel} does not know means the model fell behind the backend.
	 */
	private List<String> scenarios() {
		Answer answer = oracle(management("GET", "/chaos/scenarios"));
		List<String> names = new ArrayList<>();
		for (JsonNode scenario : JsonAnswers.parse(answer.text()).path("scenarios")) {
			names.add(scenario.path("name").asText());
			for (JsonNode step : scenario.path("faults")) {
				String fault = step.path("fault").asText();
				if (FaultModel.of(fault).isEmpty()) {
					this.report.oracleFailure(
							"fault " + fault + " of scenario " + names.get(names.size() - 1) + " is not in FaultModel",
							answer);
				}
			}
		}
		if (names.isEmpty()) {
			this.report.oracleFailure("GET /chaos/scenarios", answer);
		}
		return names;
	}

	/**
	 * After the last fault is gone the API port must answer again (a removed down fault
	 * reopens it).
	 */
	private void awaitApi() {
		for (int attempt = 0; attempt < 20; attempt++) {
			if (oracle(backend("GET", "/api/messages?limit=1")).is(2)) {
				return;
			}
			FuzzRun.pause(500);
		}
		this.report.oracleFailure("GET /api/messages after the chaos phase",
				oracle(backend("GET", "/api/messages?limit=1")));
	}

}
