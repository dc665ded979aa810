package dev.faultline.ui.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Who may use the dashboard's controls: the chaos buttons, the traffic generator,
 * anything that changes the demo. Looking is never restricted. The rule is decided once,
 * at start-up, from {@code faultline.dashboard.speaker-token} and
 * {@code faultline.dashboard.public-address}:
 * <ul>
 * <li>a speaker token is set: only a browser that holds it may, through the cookie that
 * opening {@code /dashboard?speaker=TOKEN} once sets, or the {@value #HEADER} header (for
 * scripts); compared in constant time;</li>
 * <li>no token, and the UI is reachable on a loopback address only: every visitor may, as
 * every visitor is on this machine;</li>
 * <li>no token, and the UI is published beyond loopback: nobody may, and the start-up log
 * says why. A source address cannot stand in for the token: inside a container every
 * published request comes from the bridge's gateway, the speaker's browser as much as a
 * phone in the room;</li>
 * <li>no token, and nobody said where the UI is published (a bare {@code java -jar}
 * listens on every interface): every visitor may, as before, with a warning at
 * start-up.</li>
 * </ul>
 * The cookie does not hold the token itself but a digest of it, so that what a browser
 * keeps (and its developer tools show, perhaps on a projector) cannot be replayed against
 * the backend's chaos API, whose token is often the same.
 */
@Component
class SpeakerAccess {

	/** The cookie that marks the speaker's browser. */
	static final String COOKIE = "faultline-speaker";

	/** The header a script may send the token in instead. */
	static final String HEADER = "X-Speaker-Token";

	/** The query parameter of the speaker's link, {@code /dashboard?speaker=TOKEN}. */
	static final String LINK_PARAMETER = "speaker";

	/** The rule of a request without the speaker's token. */
	static final String SPEAKER_TOKEN_RULE = "speaker-token";

	/** The rule of a UI opened beyond loopback without a speaker token. */
	static final String TOKEN_NOT_SET_RULE = "speaker-token-not-set";

	/** Shorter tokens are accepted, with a warning: a room could guess them. */
	static final int GOOD_TOKEN_LENGTH = 16;

	/** One day of talks; the speaker opens the link again the next day. */
	private static final Duration COOKIE_LIFETIME = Duration.ofHours(12);

	private static final Logger logger = LoggerFactory.getLogger(SpeakerAccess.class);

	private final byte[] token;

	private final String cookieValue;

	private final Refusal refusal;

	SpeakerAccess(DashboardProperties properties) {
		String configured = (properties.speakerToken() != null) ? properties.speakerToken() : "";
		String address = (properties.publicAddress() != null) ? properties.publicAddress().trim() : "";
		this.token = configured.getBytes(StandardCharsets.UTF_8);
		this.cookieValue = configured.isEmpty() ? "" : digest(configured);
		this.refusal = decide(configured, address);
	}

	/**
	 * Why this request may not change the demo, or empty when it may.
	 */
	Optional<Refusal> refusal(HttpServletRequest request) {
		if (this.refusal == null) {
			return Optional.empty();
		}
		if (isSpeaker(request)) {
			return Optional.empty();
		}
		return Optional.of(this.refusal);
	}

	/**
	 * Whether this request comes from the speaker's browser, told by the token; without a
	 * speaker token there is no telling, and nobody is.
	 */
	boolean isSpeaker(HttpServletRequest request) {
		return tokenRequired() && (holdsCookie(request) || isToken(request.getHeader(HEADER)));
	}

	/** Whether the controls need the speaker's token. */
	boolean tokenRequired() {
		return this.token.length > 0;
	}

	/** Whether the given text is the speaker's token; constant time. */
	boolean isToken(String given) {
		return tokenRequired() && given != null
				&& MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), this.token);
	}

	/**
	 * The cookie that marks the speaker's browser: HttpOnly (no script reads it),
	 * SameSite=Strict (no other site's page sends it), for the dashboard's paths only.
	 */
	ResponseCookie cookie(boolean secure) {
		return ResponseCookie.from(COOKIE, this.cookieValue)
			.httpOnly(true)
			.sameSite("Strict")
			.secure(secure)
			.path("/dashboard")
			.maxAge(COOKIE_LIFETIME)
			.build();
	}

	private boolean holdsCookie(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return false;
		}
		byte[] expected = this.cookieValue.getBytes(StandardCharsets.US_ASCII);
		boolean held = false;
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null
					&& MessageDigest.isEqual(cookie.getValue().getBytes(StandardCharsets.US_ASCII), expected)) {
				held = true;
			}
		}
		return held;
	}

	private static Refusal decide(String token, String address) {
		if (!token.isEmpty()) {
			if (token.length() < GOOD_TOKEN_LENGTH) {
				logger.warn("The speaker token has {} characters: a room can guess that; use {} or more "
						+ "(openssl rand -hex 16)", token.length(), GOOD_TOKEN_LENGTH);
			}
			logger.info("Dashboard controls are the speaker's: open /dashboard?{}=<token> once in the speaker's "
					+ "browser (or send {})", LINK_PARAMETER, HEADER);
			return new Refusal(SPEAKER_TOKEN_RULE,
					"Speaker only: open /dashboard?" + LINK_PARAMETER + "=<token> once in the speaker's browser.");
		}
		if (address.isEmpty()) {
			logger.warn("Dashboard controls (chaos, traffic) are open to anyone who can reach this UI: it listens on "
					+ "every interface and faultline.dashboard.public-address is not set. Set "
					+ "faultline.dashboard.speaker-token, or server.address=127.0.0.1");
			return null;
		}
		if (isLoopback(address)) {
			logger.info("Dashboard controls are open to every visitor: this UI is reachable on {} only", address);
			return null;
		}
		logger.warn(
				"This UI is published on {} without a speaker token: its dashboard controls are locked for "
						+ "everyone. Set FAULTLINE_SPEAKER_TOKEN (faultline.dashboard.speaker-token) to use them",
				address);
		return new Refusal(TOKEN_NOT_SET_RULE, "Locked: this UI is published on " + address
				+ " without a speaker token (set FAULTLINE_SPEAKER_TOKEN).");
	}

	/**
	 * Whether an address is loopback; a name that does not resolve is not.
	 */
	static boolean isLoopback(String address) {
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException | SecurityException ex) {
			return false;
		}
	}

	private static String digest(String token) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of()
				.formatHex(sha256.digest(("faultline speaker cookie:" + token).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/**
	 * Why a request may not use the controls.
	 *
	 * @param rule the rule's short name, in the 403 problem's {@code rule}
	 * @param reason one line for people: the panel shows it beside the disabled buttons
	 */
	record Refusal(String rule, String reason) {
	}

}
