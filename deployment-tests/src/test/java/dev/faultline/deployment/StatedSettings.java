package dev.faultline.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways the talk states one of ui-service's settings in prose ("a 2 s deadline", "8
 * permits", "min 5 calls"), each with the configuration keys it may stand for, and how a
 * figure as written compares with the value in {@code application.yml} ("2 s" is
 * {@code 2s}, "20%" is {@code 0.2}, "50%" is {@code 50}). {@link SlidesTests} uses them
 * to find figures on the slides that are not marked with their key and figures in the
 * run-book that differ from the configuration.
 */
final class StatedSettings {

	private static final String DEADLINE = "resilience4j.timelimiter.configs.default.timeoutDuration";

	private static final String READ_TIMEOUT = "faultline.backend.read-timeout";

	private static final String BREAKER = "resilience4j.circuitbreaker.configs.default.";

	private static final String BULKHEAD = "resilience4j.bulkhead.configs.default.maxConcurrentCalls";

	private static final String RETRY = "resilience4j.retry.configs.default.";

	private static final String RETRY_BUDGET = "faultline.resilience.retry-budget-ratio";

	private static final String DURATION = "(\\d+(?:\\.\\d+)? ?m?s)";

	private static final List<Phrase> PHRASES = List.of(new Phrase(DURATION + " deadline", DEADLINE),
			new Phrase("deadline (?:of )?" + DURATION, DEADLINE),
			new Phrase("within (\\d+(?:\\.\\d+)? s)\\b", DEADLINE),
			new Phrase(DURATION + " read timeout", READ_TIMEOUT),
			new Phrase("\\bread " + DURATION + "\\b", READ_TIMEOUT),
			new Phrase("read timeout (?:of )?" + DURATION, READ_TIMEOUT),
			new Phrase("connect (?:timeout )?" + DURATION, "faultline.backend.connect-timeout"),
			new Phrase("(\\d+) ?s window", BREAKER + "slidingWindowSize"),
			new Phrase("min(?:imum)? (\\d+) calls", BREAKER + "minimumNumberOfCalls"),
			new Phrase("calls, (\\d+%)", BREAKER + "failureRateThreshold"),
			new Phrase("\\(limit (\\d+%)\\)", BREAKER + "failureRateThreshold"),
			new Phrase("\\bopen (?:for )?(\\d+(?:\\.\\d+)? ?s)\\b", BREAKER + "waitDurationInOpenState"),
			new Phrase("(\\d+) trial call", BREAKER + "permittedNumberOfCallsInHalfOpenState"),
			new Phrase("(\\d+) failures in a row", "faultline.consecutive-failures.threshold",
					"faultline.replica-ejection.consecutive-failures"),
			new Phrase("(\\d+) permits", BULKHEAD), new Phrase("take (\\d+) threads", BULKHEAD),
			new Phrase("(\\d+) concurrent", BULKHEAD), new Phrase("threads, not (\\d+)", "server.tomcat.threads.max"),
			new Phrase("(\\d+) Tomcat threads", "server.tomcat.threads.max"),
			new Phrase("(\\d+) attempts", RETRY + "maxAttempts"), new Phrase("wait (\\d+ ?ms)", RETRY + "waitDuration"),
			new Phrase("(\\d+%) (?:extra )?load", RETRY_BUDGET), new Phrase("retries of about (\\d+%)", RETRY_BUDGET),
			new Phrase("earns (\\d+(?:\\.\\d+)?) tokens", RETRY_BUDGET),
			new Phrase("(\\d+) entries", "faultline.resilience.cache-max-entries"));

	private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|%)?");

	private StatedSettings() {
	}

	/**
	 * Every figure in the text that states a setting, phrase by phrase (line breaks and
	 * runs of spaces read as one space).
	 */
	static List<Stated> find(String text) {
		String words = text.replaceAll("\\s+", " ");
		List<Stated> found = new ArrayList<>();
		for (Phrase phrase : PHRASES) {
			Matcher matcher = phrase.pattern().matcher(words);
			while (matcher.find()) {
				found.add(new Stated(matcher.group(), matcher.group(1), phrase.keys()));
			}
		}
		return found;
	}

	/**
	 * Whether a figure as written ({@code 2 s}, {@code 50%}, {@code 20%}) is the value
	 * configured under the key.
	 */
	static boolean matches(String figure, Map<String, Object> configuration, String key) {
		String configured = Yamls.string(configuration, key.split("\\.")).replaceAll("\\s+", "");
		String shown = figure.replaceAll("\\s+", "");
		if (shown.equals(configured)) {
			return true;
		}
		Matcher shownNumber = NUMBER.matcher(shown);
		Matcher configuredNumber = NUMBER.matcher(configured);
		if (!shownNumber.matches() || !configuredNumber.matches()) {
			return false;
		}
		double value = Double.parseDouble(shownNumber.group(1));
		double setting = Double.parseDouble(configuredNumber.group(1));
		String unit = shownNumber.group(2);
		if ("%".equals(unit)) {
			// A threshold is configured in percent (50), a ratio as a fraction (0.2).
			return same(value, setting) || same(value / 100, setting);
		}
		return same(value * millis(unit), setting * millis(configuredNumber.group(2)));
	}

	private static double millis(String unit) {
		if (unit == null || unit.equals("ms")) {
			return 1;
		}
		return switch (unit) {
			case "s" -> 1_000;
			case "m" -> 60_000;
			case "h" -> 3_600_000;
			default -> throw new IllegalArgumentException(unit);
		};
	}

	private static boolean same(double a, double b) {
		return Math.abs(a - b) < 1e-9;
	}

	/**
	 * A way of stating a setting.
	 *
	 * @param pattern the words around the figure, the figure in group 1
	 * @param keys the settings it may stand for
	 */
	record Phrase(Pattern pattern, List<String> keys) {

		Phrase(String regex, String... keys) {
			this(Pattern.compile(regex), List.of(keys));
		}

	}

	/**
	 * A figure found in the text.
	 *
	 * @param phrase the words matched, for the failure message
	 * @param figure the figure as written
	 * @param keys the settings it may stand for
	 */
	record Stated(String phrase, String figure, List<String> keys) {

	}

}
