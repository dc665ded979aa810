package dev.faultline.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser learns from the UI's pages before it posts or presses a button: the
 * session cookie, the form's CSRF token, the header and token dashboard.js sends, and the
 * vocabulary the pages offer (the protection levels of the page's tabs, the actions of
 * the dashboard's chaos buttons), so the fuzzer restates none of them.
 *
 * @param cookie the session cookie, {@code JSESSIONID=...}
 * @param formToken the form's {@code _csrf} value
 * @param csrfHeader the header dashboard.js sends its token in
 * @param headerToken the token it sends
 * @param levels every protection level, in the order of the page's tabs
 * @param chaosActions every chaos button of the dashboard
 */
record UiSession(String cookie, String formToken, String csrfHeader, String headerToken, List<String> levels,
		List<String> chaosActions) {

	private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern HEADER_TOKEN = Pattern
		.compile("data-csrf-header=\"([^\"]+)\"\\s+data-csrf=\"([^\"]+)\"");

	private static final Pattern LEVEL_TABS = Pattern.compile("(?s)class=\"level-tabs\">(.*?)</nav>");

	private static final Pattern LEVEL_LINK = Pattern.compile("href=\"/\\?level=([^\"&]+)\"");

	private static final Pattern CHAOS_BUTTON = Pattern.compile("data-action=\"([^\"]+)\"");

	/**
	 * Reads the message page and the dashboard as a browser would (oracle requests);
	 * empty when either lacks what the fuzzer needs, which is reported as an oracle
	 * failure.
	 */
	static Optional<UiSession> open(FuzzRun run) {
		Answer page = run.oracle(run.ui("GET", "/").header("Accept", Probe.BROWSER));
		if (!page.is(2)) {
			run.report().oracleFailure("GET /", page);
			return Optional.empty();
		}
		String cookie = null;
		for (String setCookie : page.headers().getOrDefault("set-cookie", List.of())) {
			if (setCookie.startsWith("JSESSIONID=")) {
				int semicolon = setCookie.indexOf(';');
				cookie = setCookie.substring(0, (semicolon > 0) ? semicolon : setCookie.length());
			}
		}
		Answer dashboard = run.oracle(
				run.ui("GET", "/dashboard").header("Accept", Probe.BROWSER).header("Cookie", String.valueOf(cookie)));
		return read(cookie, page.text(), dashboard.text());
	}

	/** The session in these two pages, if they hold all of it. */
	static Optional<UiSession> read(String cookie, String page, String dashboard) {
		Matcher form = FORM_TOKEN.matcher(page);
		Matcher header = HEADER_TOKEN.matcher(dashboard);
		Matcher tabs = LEVEL_TABS.matcher(page);
		if (cookie == null || !form.find() || !header.find() || !tabs.find()) {
			return Optional.empty();
		}
		List<String> levels = all(LEVEL_LINK, tabs.group(1));
		List<String> actions = all(CHAOS_BUTTON, dashboard);
		if (levels.isEmpty() || actions.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new UiSession(cookie, form.group(1), header.group(1), header.group(2), levels, actions));
	}

	private static List<String> all(Pattern pattern, String text) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			if (!found.contains(matcher.group(1))) {
				found.add(matcher.group(1));
			}
		}
		return List.copyOf(found);
	}

	/** The session cookie and the token in the header, as dashboard.js sends them. */
	Probe withToken(Probe probe) {
		return probe.header("Cookie", this.cookie).header(this.csrfHeader, this.headerToken);
	}

}
