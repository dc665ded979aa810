package dev.faultline.fuzz;

/**
 * The UI's JSON API: the feed at every level, and unknown paths and wrong methods under
 * /api, /dashboard and /actuator.
 */
final class UiJsonApi extends UiSurface {

	UiJsonApi(FuzzRun run, UiSession session) {
		super(run, session);
	}

	/** {@code GET /api/feed}, at a level or none. */
	Probe feed() {
		if (chance(10)) {
			return ui("GET", "/api/feed").header("Accept", "application/json").expect(Expect.ACCEPT);
		}
		String level = level(false);
		return ui("GET", "/api/feed?level=" + level).header("Accept", pick("application/json", "*/*"))
			.expect(levelExpect(level));
	}

	/**
	 * Unknown paths under /api, /dashboard and /actuator, and wrong methods, with and
	 * without the token.
	 */
	Probe elsewhere() {
		if (chance(45)) {
			String path = pick("/api/nope", "/api/feed/x", "/api/messages", "/api/messages/1", "/api/",
					"/dashboard/nope", "/dashboard/chaos/x/y", "/dashboard/traffic/x", "/actuator/nope",
					"/actuator/metrics/nope", "/actuator/circuitbreakers/nope", "/actuator/shutdown", "/actuator/env",
					"/actuator/loggers", "/actuator/retries/nope");
			Probe probe = ui("GET", path).header("Accept", "application/json").expect(Expect.REJECT);
			return chance(50) ? withToken(probe) : probe;
		}
		String[] call = pick(new String[][] { { "PUT", "/api/feed" }, { "DELETE", "/api/feed" },
				{ "PATCH", "/api/feed" }, { "POST", "/api/feed" }, { "DELETE", "/dashboard/chaos" },
				{ "PUT", "/dashboard/traffic" }, { "PATCH", "/dashboard/traffic" }, { "GET", "/dashboard/chaos/off" },
				{ "PUT", "/dashboard/chaos/off" }, { "DELETE", "/dashboard/chaos/off" },
				{ "POST", "/dashboard/stream" }, { "POST", "/about" }, { "DELETE", "/" }, { "PUT", "/messages" },
				{ "GET", "/messages" }, { "DELETE", "/actuator/health" } });
		boolean page = call[1].equals("/about") || call[1].equals("/") || call[1].equals("/messages");
		Probe probe = ui(call[0], call[1]).header("Accept", page ? Probe.BROWSER : "application/json")
			.expect(Expect.REJECT);
		if (page) {
			probe.page();
		}
		return chance(60) ? withToken(probe) : probe;
	}

}
