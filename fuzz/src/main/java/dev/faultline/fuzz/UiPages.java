package dev.faultline.fuzz;

/**
 * The UI's pages for people: the message page at every level, about, the dashboard, its
 * live stream, static files.
 */
final class UiPages extends UiSurface {

	private int streams;

	UiPages(FuzzRun run, UiSession session) {
		super(run, session);
	}

	/** The message page, at a level or none. */
	Probe page() {
		if (chance(10)) {
			return ui("GET", "/").header("Accept", Probe.BROWSER).page().expect(Expect.ACCEPT);
		}
		String level = level(true);
		return ui("GET", "/?level=" + level).header("Accept", Probe.BROWSER).page().expect(levelExpect(level));
	}

	/**
	 * A page, a read-only endpoint or a live stream, as a browser or dashboard.js reads
	 * it.
	 */
	Probe readOnly() {
		if (this.streams < 3 && chance(10)) {
			// A live stream: only its head and first bytes are read, then it is closed.
			this.streams++;
			return ui("GET", "/dashboard/stream?level=" + pick(this.session.levels()))
				.header("Accept", "text/event-stream")
				.stream()
				.expect(Expect.ACCEPT);
		}
		String[] call = pick(new String[][] { { "/about", "page" }, { "/dashboard", "page" },
				{ "/dashboard/chaos", "" }, { "/dashboard/traffic", "" }, { "/actuator/health", "" },
				{ "/actuator/health/readiness", "" }, { "/actuator/circuitbreakers", "" }, { "/actuator/info", "" },
				{ "/css/faultline.css", "" }, { "/js/dashboard.js", "" }, { "/dashboard/stream?level=bogus", "R" },
				{ "/dashboard/stream?level=", "?" } });
		Probe probe = ui("GET", call[0]);
		if (call[0].startsWith("/dashboard/stream")) {
			// An empty level is the default level: a stream that does not end, so only
			// its start is read.
			return probe.header("Accept", "text/event-stream").stream().expect(Expect.of(call[1]));
		}
		if (call[1].equals("page")) {
			return probe.header("Accept", Probe.BROWSER).page().expect(Expect.ACCEPT);
		}
		return probe.header("Accept", "application/json").expect(call[1].equals("R") ? Expect.REJECT : Expect.ACCEPT);
	}

	/** Request lines Tomcat may refuse before any application code. */
	Probe oddRequestLine() {
		String target = pick("/?level={full}", "/?level=[full]", "/api/feed?level=[x]", "/api/feed?level=full|none",
				"/api/feed/%00", "/dashboard/%2e%2e/actuator/env", "/api/feed?level=\u00ff", "/about/%ZZ", "/ab out");
		boolean page = target.startsWith("/?") || target.startsWith("/ab");
		Probe probe = ui("GET", target).oddRequestLine().header("Accept", page ? Probe.BROWSER : "application/json");
		return page ? probe.page() : probe;
	}

}
