package dev.faultline.fuzz;

import java.util.Set;

/**
 * The base of each part of the UI the fuzzer sends to: the browser session it sends with,
 * and the level parameter every page and the feed take.
 */
abstract class UiSurface extends Surface {

	/** Odd levels the UI surely refuses; the other odd ones it may read in some way. */
	private static final Set<String> REFUSED_LEVELS = Set.of("bogus", "circuit_breaker", "f%C3%BCll");

	protected final UiSession session;

	UiSurface(FuzzRun run, UiSession session) {
		super(run);
		this.session = session;
	}

	/** The session cookie and the token in the header, as dashboard.js sends them. */
	protected Probe withToken(Probe probe) {
		return this.session.withToken(probe);
	}

	/**
	 * A level as it goes into a query: mostly a real one, else odd (longer on a page).
	 */
	protected String level(boolean page) {
		int dice = this.random.nextInt(100);
		if (dice < 70) {
			return pick(this.session.levels());
		}
		return pick("", "FULL", "Full", "%20full%20", "bogus", "full&level=none", "none&level=bogus", "%00", "ful%6C",
				"f%C3%BCll", "circuit_breaker", "x".repeat(page ? 3000 : 300), "%E2%80%AEfull");
	}

	protected Expect levelExpect(String level) {
		if (this.session.levels().contains(level)) {
			return Expect.ACCEPT;
		}
		return (REFUSED_LEVELS.contains(level) || level.startsWith("xxx")) ? Expect.REJECT : Expect.ANY;
	}

}
