package dev.faultline.ui.dashboard;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one rule for the dashboard's controls, from its two settings: a speaker token makes
 * them the speaker's (cookie or header, never a guess); without one they are open on
 * loopback, locked beyond it, and open with a warning where nobody said.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpeakerAccessTests {

	private static final String TOKEN = "stage-secret-0123456789";

	@Test
	void withATokenOnlyItsCookieOrHeaderMayChangeTheDemo() {
		SpeakerAccess access = access(TOKEN, "0.0.0.0");
		String cookie = access.cookie(false).getValue();

		assertThat(access.refusal(request()))
			.hasValueSatisfying((refusal) -> assertThat(refusal.rule()).isEqualTo(SpeakerAccess.SPEAKER_TOKEN_RULE));
		assertThat(access.refusal(withCookie(cookie))).isEmpty();
		assertThat(access.refusal(withHeader(TOKEN))).isEmpty();
	}

	@Test
	void withATokenAGuessOrTheTokenItselfAsCookieIsRefused() {
		SpeakerAccess access = access(TOKEN, "127.0.0.1");

		for (String guess : new String[] { "", "guess", TOKEN + "x", TOKEN.substring(1) }) {
			assertThat(access.refusal(withHeader(guess))).as("header %s", guess).isPresent();
			assertThat(access.refusal(withCookie(guess))).as("cookie %s", guess).isPresent();
			assertThat(access.isToken(guess)).as("link %s", guess).isFalse();
		}
		assertThat(access.refusal(withCookie(TOKEN))).as("the cookie is a digest, not the token").isPresent();
		assertThat(access.isToken(TOKEN)).isTrue();
	}

	@Test
	void theCookieIsHttpOnlyStrictForTheDashboardAndDoesNotHoldTheToken() {
		ResponseCookie cookie = access(TOKEN, "").cookie(false);

		assertThat(cookie.getName()).isEqualTo(SpeakerAccess.COOKIE);
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(cookie.getSameSite()).isEqualTo("Strict");
		assertThat(cookie.getPath()).isEqualTo("/dashboard");
		assertThat(cookie.getMaxAge()).isPositive().isLessThanOrEqualTo(Duration.ofDays(1));
		assertThat(cookie.getValue()).isNotBlank().doesNotContain(TOKEN);
		assertThat(access(TOKEN, "").cookie(true).isSecure()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.0.0.2", "::1", "localhost" })
	void withoutATokenAUiOnLoopbackIsOpenToEveryVisitor(String address, CapturedOutput output) {
		SpeakerAccess access = access("", address);

		assertThat(access.refusal(request())).isEmpty();
		assertThat(access.tokenRequired()).isFalse();
		assertThat(output).doesNotContain("WARN");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0.0.0.0", "::", "192.0.2.10", "fd00::10" })
	void withoutATokenAUiPublishedBeyondLoopbackIsLockedForEveryoneAndSaysSoAtStartUp(String address,
			CapturedOutput output) {
		SpeakerAccess access = access("", address);

		assertThat(access.refusal(request())).hasValueSatisfying((refusal) -> {
			assertThat(refusal.rule()).isEqualTo(SpeakerAccess.TOKEN_NOT_SET_RULE);
			assertThat(refusal.reason()).contains(address).contains("FAULTLINE_SPEAKER_TOKEN");
		});
		assertThat(access.refusal(withHeader(""))).isPresent();
		assertThat(access.refusal(withCookie(""))).isPresent();
		assertThat(output).contains("WARN").contains("published on " + address + " without a speaker token");
	}

	@Test
	void withoutATokenOrAnAddressTheControlsStayOpenWithAWarning(CapturedOutput output) {
		SpeakerAccess access = access("", "");

		assertThat(access.refusal(request())).isEmpty();
		assertThat(output).contains("WARN").contains("open to anyone who can reach this UI");
	}

	@Test
	void aShortTokenWorksButIsWarnedAbout(CapturedOutput output) {
		SpeakerAccess access = access("demo", "0.0.0.0");

		assertThat(access.refusal(withHeader("demo"))).isEmpty();
		assertThat(output).contains("WARN").contains("a room can guess that");
	}

	private static SpeakerAccess access(String token, String address) {
		DashboardProperties defaults = DashboardStreamTests.properties(20, 256, Duration.ofSeconds(15));
		return new SpeakerAccess(new DashboardProperties(defaults.snapshotInterval(), defaults.eventFlushInterval(),
				defaults.heartbeatInterval(), defaults.streamTimeout(), defaults.maxStreams(),
				defaults.speakerStreams(), defaults.eventQueueCapacity(), defaults.eventLogSize(),
				defaults.trafficMaxDuration(), defaults.trafficMaxInFlight(), defaults.chaosPollInterval(), token,
				address));
	}

	private static MockHttpServletRequest request() {
		return new MockHttpServletRequest("POST", "/dashboard/chaos/outage");
	}

	private static MockHttpServletRequest withCookie(String value) {
		MockHttpServletRequest request = request();
		request.setCookies(new Cookie(SpeakerAccess.COOKIE, value));
		return request;
	}

	private static MockHttpServletRequest withHeader(String value) {
		MockHttpServletRequest request = request();
		request.addHeader(SpeakerAccess.HEADER, value);
		return request;
	}

}
