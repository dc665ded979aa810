package dev.faultline.fuzz;

import java.util.List;

/**
 * The dashboard's controls: the traffic generator and the chaos buttons, with and without
 * the speaker's token.
 */
final class DashboardControls extends UiSurface {

	DashboardControls(FuzzRun run, UiSession session) {
		super(run, session);
	}

	/**
	 * Starts or stops the traffic generator, at a rate and level the contract may refuse.
	 */
	Probe traffic() {
		if (chance(30)) {
			Probe stop = ui("DELETE", "/dashboard/traffic").header("Accept", "application/json");
			return chance(85) ? withToken(stop).expect(Expect.ACCEPT) : stop.expect(Expect.REJECT);
		}
		String[] rate = pick(new String[][] { { "rate=5", "A" }, { "rate=20", "A" }, { "rate=50", "A" },
				{ "rate=0", "R" }, { "rate=7", "R" }, { "rate=-5", "R" }, { "rate=abc", "R" }, { "rate=", "R" },
				{ "rate=1e1", "R" }, { "rate=5.0", "R" }, { "rate=99999999999", "R" }, { "rate=%D9%A5", "?" },
				{ "rate=%2B5", "?" }, { "rate=%2020", "?" }, { "", "R" }, { "rate=20&rate=50", "?" } });
		String level = chance(60) ? ""
				: pick("level=full", "level=none", "level=retry", "level=bogus", "level=FULL", "level=");
		String query = String.join("&", List.of(rate[0], level).stream().filter((part) -> !part.isEmpty()).toList());
		Probe probe = ui("POST", "/dashboard/traffic" + (query.isEmpty() ? "" : "?" + query)).header("Accept",
				"application/json");
		Expect expect = Expect.of(rate[1]);
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
				probe.header("Cookie", this.session.cookie());
			}
		}
		return probe.expect(expect);
	}

	/**
	 * A chaos button of the dashboard; whatever it switches on is switched off again at
	 * once.
	 */
	void chaosButton(List<String> actions) {
		Probe probe;
		if (!actions.isEmpty() && chance(60)) {
			probe = withToken(ui("POST", "/dashboard/chaos/" + actions.remove(0))).expect(Expect.ACCEPT);
		}
		else if (chance(25)) {
			probe = ui("POST", "/dashboard/chaos/" + pick(this.session.chaosActions())).expect(Expect.REJECT);
			if (chance(50)) {
				probe.header("Cookie", this.session.cookie());
			}
		}
		else {
			String action = pick("bogus", "SLOW", "slow%20", "latency", "down", "%2e%2e", "off/x", "x".repeat(300),
					"hang;x", "", "crash", "scenarios", "%E2%80%AEoff");
			probe = withToken(ui("POST", "/dashboard/chaos/" + action))
				.expect(action.equals("hang;x") ? Expect.ANY : Expect.REJECT);
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
