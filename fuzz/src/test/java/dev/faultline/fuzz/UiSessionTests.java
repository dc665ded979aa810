package dev.faultline.fuzz;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fuzzer reads from the UI's pages, as Thymeleaf renders messages.html and
 * dashboard.html: the tokens, every level tab and every chaos button.
 */
class UiSessionTests {

	private static final String PAGE = """
			<nav class="level-tabs">
			  <a href="/?level=none">No protection</a>
			  <a href="/?level=timeout">Timeout</a>
			  <a href="/?level=full" class="active" aria-current="page">Full</a>
			</nav>
			<p><a href="/?level=none">again</a></p>
			<form action="/messages?level=full" method="post" novalidate>
			  <input type="hidden" name="_csrf" value="form-token"/>
			</form>
			""";

	private static final String DASHBOARD = """
			<main data-csrf-header="X-CSRF-TOKEN" data-csrf="header-token">
			  <button type="button" class="chaos-action" data-action="slow">slow</button>
			  <button type="button" class="chaos-action off" data-action="off">off</button>
			</main>
			""";

	@Test
	void readsTheLevelsFromThePagesTabsAndTheActionsFromTheDashboardsButtons() {
		UiSession session = UiSession.read("JSESSIONID=abc", PAGE, DASHBOARD).orElseThrow();
		assertThat(session.levels()).containsExactly("none", "timeout", "full");
		assertThat(session.chaosActions()).containsExactly("slow", "off");
		assertThat(session.formToken()).isEqualTo("form-token");
		Probe probe = session
			.withToken(new Probe(Api.UI, "POST", URI.create("http://127.0.0.1:1"), "/dashboard/chaos/off"));
		assertThat(probe.header("Cookie")).isEqualTo("JSESSIONID=abc");
		assertThat(probe.header("X-CSRF-TOKEN")).isEqualTo("header-token");
	}

	@Test
	void noSessionWithoutACookieOrWithoutLevels() {
		assertThat(UiSession.read(null, PAGE, DASHBOARD)).isEmpty();
		assertThat(UiSession.read("JSESSIONID=abc", PAGE.replace("level-tabs", "tabs"), DASHBOARD)).isEmpty();
		assertThat(UiSession.read("JSESSIONID=abc", PAGE, DASHBOARD.replace("data-action", "data-x"))).isEmpty();
	}

}
