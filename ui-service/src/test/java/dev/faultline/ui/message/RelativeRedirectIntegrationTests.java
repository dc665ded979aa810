package dev.faultline.ui.message;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.faultline.testsupport.RawHttp;
import dev.faultline.testsupport.RawHttp.Answer;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.created;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI's redirects name a path on whatever host the browser used, never a host taken
 * from the request's {@code Host} header: {@code Host: evil.example} must not turn the
 * redirect after a post into {@code Location: http://evil.example/...}. Over a real
 * socket, because Tomcat, not Spring, makes a relative {@code Location} absolute.
 */
class RelativeRedirectIntegrationTests extends AbstractUiIntegrationTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\"[^>]*value=\"([^\"]+)\"");

	@Test
	void theRedirectAfterAPostIsAPathWhateverTheHostHeaderSays() {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		backend.stubFor(post(urlPathEqualTo(StubBackend.MESSAGES)).willReturn(created()));
		RawHttp raw = RawHttp.toPort(this.port);
		Answer page = raw.send("GET", "/?level=none", "Accept", "text/html");
		String session = page.header("Set-Cookie").orElseThrow().split(";")[0];
		String form = "author=Grace&text=Hello&idempotencyKey=" + field(KEY, page.body()) + "&_csrf="
				+ field(CSRF, page.body());

		Answer posted = raw.sendWithBody("POST", "/messages?level=none", form, "Host", "evil.example", "Cookie",
				session, "Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html");

		assertThat(posted.status()).isEqualTo(302);
		assertThat(posted.header("Location")).hasValueSatisfying((location) -> assertThat(location).startsWith("/")
			.doesNotContain("evil.example")
			.contains("level=none"));
	}

	private static String field(Pattern pattern, String page) {
		Matcher matcher = pattern.matcher(page);
		assertThat(matcher.find()).as(pattern.pattern()).isTrue();
		return URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
	}

}
