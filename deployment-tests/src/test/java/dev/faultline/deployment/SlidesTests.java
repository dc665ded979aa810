package dev.faultline.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the talk honest: the deck ({@code slides/index.html}) and its run-book
 * ({@code slides/README.md}) only use chaos commands that {@code scripts/chaos} accepts,
 * show images that exist, name files that exist, and quote the resilience settings that
 * ui-service really runs with (speaker notes included). Every slide has speaker notes
 * with its minute mark, as the run-book's timing plan says, and the deck runs offline on
 * its vendored reveal.js. A setting the talk states ({@link StatedSettings}) is marked on
 * the slides with its key and checked against ui-service's configuration, and in the
 * run-book read and compared. {@link SlidesPdfIT} prints the deck; {@link SlidesFitIT}
 * shows that every slide fits the projector.
 */
class SlidesTests {

	private static final String DECK_PATH = "slides/index.html";

	private static final String RUN_BOOK_PATH = "slides/README.md";

	private static final String DECK = Repository.read(DECK_PATH);

	private static final String RUN_BOOK = Repository.read(RUN_BOOK_PATH);

	/** A chaos command as typed on stage: {@code scripts/chaos every-third}. */
	private static final Pattern CHAOS_COMMAND = Pattern
		.compile("scripts/chaos\\s+(?:(?:--on|--replica|-r)\\s+\\S+\\s+)?([a-z][a-z-]*)");

	/**
	 * An element whose text is a setting: {@code <span data-config="a.b.c">10 s</span>}.
	 */
	private static final Pattern CONFIG_VALUE = Pattern
		.compile("<(\\w+)[^>]*\\bdata-config=\"([^\"]+)\"[^>]*>([^<]*)</\\1>");

	/**
	 * A repository path in text: at least one folder and a known extension, not inside a
	 * URL or another path.
	 */
	private static final Pattern REPOSITORY_PATH = Pattern
		.compile("(?<![\\w/.:…-])((?:[\\w.-]+/)+[\\w.-]+\\.(?:java|ya?ml|md|sh|png|html|properties|json))\\b");

	/** A Java file named on its own: {@code RetryBudget.java}. */
	private static final Pattern JAVA_FILE = Pattern.compile("(?<![\\w/.])([A-Z]\\w*\\.java)\\b");

	private static final Pattern HTML_IMAGE = Pattern.compile("<img[^>]*\\bsrc=\"([^\"]+)\"");

	private static final Pattern HTML_LINK = Pattern.compile("<a[^>]*\\bhref=\"([^\"]+)\"");

	private static final Pattern MARKDOWN_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

	/** One slide, from its opening tag to its end. */
	private static final Pattern SLIDE = Pattern.compile("(?s)<section class=\"slide\\b.*?</section>");

	private static final Pattern SPEAKER_NOTES = Pattern.compile("(?s)<aside class=\"notes\">(.*?)</aside>");

	/** A minute mark in the talk: {@code 6:00}, {@code 12:30}. */
	private static final Pattern MINUTE_MARK = Pattern.compile("(?<![\\d:])(\\d{1,2}:\\d\\d)(?![\\d:])");

	/**
	 * A row of the run-book's timing plan: its start, and the first slide it covers:
	 * {@code | 6:00–7:30 | 8 circuit breaker |}.
	 */
	private static final Pattern TIMING_ROW = Pattern
		.compile("(?m)^\\|\\s*(\\d{1,2}:\\d\\d)–\\d{1,2}:\\d\\d\\s*\\|\\s*(\\d+)\\b");

	/** What the deck loads: scripts and stylesheets. */
	private static final Pattern HTML_ASSET = Pattern.compile("<(?:script|link)[^>]*\\b(?:src|href)=\"([^\"]+)\"");

	/**
	 * The circuit breaker's numbers the talk explains; each must be on a slide, marked
	 * with its key.
	 */
	private static final List<String> CIRCUIT_BREAKER_SETTINGS = Stream
		.of("slidingWindowSize", "minimumNumberOfCalls", "failureRateThreshold", "slowCallRateThreshold",
				"slowCallDurationThreshold", "waitDurationInOpenState", "permittedNumberOfCallsInHalfOpenState")
		.map((name) -> "resilience4j.circuitbreaker.configs.default." + name)
		.toList();

	private static final String SCENARIO_SOURCE = "backend-service/src/main/java/dev/faultline/backend/chaos/Scenario.java";

	/** A scenario constant's id: {@code HANG("hang", ...}. */
	private static final Pattern SCENARIO_ID = Pattern.compile("(?m)^\\t[A-Z_]+\\(\"([a-z-]+)\"");

	@Test
	void everyChaosCommandInTheDeckAndRunBookIsOneTheScriptOrTheBackendAccepts() {
		Set<String> accepted = chaosScriptCommands();
		assertThat(accepted).as("commands parsed from scripts/chaos").contains("status", "off", "fault");
		// Any other word is a scenario the script asks the backend for (GET
		// /chaos/scenarios).
		Set<String> scenarios = backendScenarioIds();
		assertThat(scenarios).as("scenarios in " + SCENARIO_SOURCE).contains("outage", "hang", "every-third");
		accepted.addAll(scenarios);
		for (String path : List.of(DECK_PATH, RUN_BOOK_PATH)) {
			Set<String> used = matches(CHAOS_COMMAND, Repository.read(path));
			assertThat(used).as("the demo commands in " + path)
				.contains("every-third", "hang", "outage", "off", "crash");
			assertThat(accepted).as("commands scripts/chaos accepts, against those used in " + path).containsAll(used);
		}
	}

	@Test
	void everyImageTheDeckAndRunBookShowExistsAndIsSmall() throws IOException {
		Set<String> images = new LinkedHashSet<>(matches(HTML_IMAGE, DECK));
		matches(MARKDOWN_LINK, RUN_BOOK).stream().filter((link) -> link.endsWith(".png")).forEach(images::add);
		assertThat(images).as("images shown").hasSizeGreaterThanOrEqualTo(2);
		for (String image : images) {
			Path file = Repository.file("slides").resolve(image).normalize();
			assertThat(file).as(image).isRegularFile();
			assertThat(Files.size(file)).as(image + " in bytes").isLessThan(300 * 1024);
		}
	}

	@Test
	void everyRepositoryFileTheDeckAndRunBookLinkToOrNameExists() {
		List<String> missing = new ArrayList<>();
		Set<String> links = new LinkedHashSet<>(matches(HTML_LINK, DECK));
		links.addAll(matches(MARKDOWN_LINK, RUN_BOOK));
		for (String link : links) {
			if (!link.matches("^(https?:|mailto:|#).*")) {
				Path file = Repository.file("slides").resolve(link.replaceFirst("#.*", "")).normalize();
				if (!Files.exists(file)) {
					missing.add("link " + link);
				}
			}
		}
		Set<String> javaFiles = javaFileNames();
		for (String text : List.of(withoutTags(DECK), RUN_BOOK)) {
			for (String path : matches(REPOSITORY_PATH, text)) {
				// Both files live in slides/: a path may be written from the repository
				// root or from there.
				if (!Files.exists(Repository.file(path)) && !Files.exists(Repository.file("slides").resolve(path))) {
					missing.add("path " + path);
				}
			}
			for (String name : matches(JAVA_FILE, text)) {
				if (!javaFiles.contains(name)) {
					missing.add("Java file " + name);
				}
			}
		}
		assertThat(links).as("links from the deck to repository files").anyMatch((link) -> link.startsWith("../"));
		assertThat(missing).as("files named by the slides that do not exist").isEmpty();
	}

	@Test
	void settingsOnTheSlidesMatchUiServiceConfiguration() {
		Map<String, Object> configuration = Repository.yaml("ui-service/src/main/resources/application.yml");
		Map<String, List<String>> shown = new LinkedHashMap<>();
		Matcher matcher = CONFIG_VALUE.matcher(DECK);
		while (matcher.find()) {
			shown.computeIfAbsent(matcher.group(2), (key) -> new ArrayList<>()).add(matcher.group(3));
		}
		assertThat(shown.keySet()).as("circuit breaker settings on the slides").containsAll(CIRCUIT_BREAKER_SETTINGS);
		List<String> mismatches = new ArrayList<>();
		shown.forEach((key, values) -> values.stream()
			.filter((value) -> !StatedSettings.matches(value, configuration, key))
			.forEach((value) -> mismatches.add(key + ": slide says " + value + ", application.yml "
					+ Yamls.string(configuration, key.split("\\.")))));
		assertThat(mismatches).as("settings quoted on the slides that the UI does not run with").isEmpty();
	}

	@Test
	void everySettingTheDeckStatesIsMarkedWithItsKey() {
		String unmarked = withoutTags(CONFIG_VALUE.matcher(DECK).replaceAll("⟨marked⟩"));
		assertThat(StatedSettings.find(unmarked))
			.as("settings stated on the slides or in the notes without data-config=\"key\", so that no test "
					+ "notices when application.yml changes")
			.isEmpty();
		assertThat(StatedSettings.find(withoutTags(DECK))).as("settings stated in the deck, marked or not")
			.hasSizeGreaterThanOrEqualTo(20);
	}

	@Test
	void settingsTheRunBookStatesMatchUiServiceConfiguration() {
		Map<String, Object> configuration = Repository.yaml("ui-service/src/main/resources/application.yml");
		List<StatedSettings.Stated> stated = StatedSettings.find(RUN_BOOK);
		assertThat(stated).as("settings stated in " + RUN_BOOK_PATH).hasSizeGreaterThanOrEqualTo(10);
		assertThat(stated)
			.filteredOn((figure) -> figure.keys()
				.stream()
				.noneMatch((key) -> StatedSettings.matches(figure.figure(), configuration, key)))
			.as("figures in " + RUN_BOOK_PATH + " that ui-service's application.yml does not say")
			.isEmpty();
	}

	@Test
	void deckFitsAFifteenToTwentyMinuteTalk() {
		int backup = count(Pattern.compile("<section class=\"slide backup\""), DECK);
		assertThat(count(Pattern.compile("<section class=\"slide\\b"), DECK) - backup)
			.as("slides in the talk, without the backup for questions")
			.isBetween(16, 20);
		assertThat(count(Pattern.compile("<section\\b"), DECK)).as("slides, all of them top-level: one page each")
			.isEqualTo(count(Pattern.compile("<section class=\"slide\\b"), DECK));
	}

	@Test
	void everySlideHasSpeakerNotesWithItsMinuteMark() {
		List<String> slides = SLIDE.matcher(DECK).results().map(MatchResult::group).toList();
		List<String> missing = new ArrayList<>();
		for (int i = 0; i < slides.size(); i++) {
			Matcher notes = SPEAKER_NOTES.matcher(slides.get(i));
			if (!notes.find() || !MINUTE_MARK.matcher(notes.group(1)).find()
					|| withoutTags(notes.group(1)).strip().length() < 40) {
				missing.add("slide " + (i + 1));
			}
		}
		assertThat(slides).hasSizeGreaterThanOrEqualTo(16);
		assertThat(missing).as("slides without <aside class=\"notes\"> saying what to say, and when").isEmpty();
	}

	@Test
	void speakerNotesStartEachPartOfTheTimingPlanWhereTheRunBookSays() {
		List<String> slides = SLIDE.matcher(DECK).results().map(MatchResult::group).toList();
		Matcher row = TIMING_ROW.matcher(RUN_BOOK);
		List<String> mismatches = new ArrayList<>();
		int rows = 0;
		while (row.find()) {
			rows++;
			int slide = Integer.parseInt(row.group(2));
			Matcher notes = (slide <= slides.size()) ? SPEAKER_NOTES.matcher(slides.get(slide - 1)) : null;
			String firstMark = null;
			if (notes != null && notes.find()) {
				Matcher mark = MINUTE_MARK.matcher(notes.group(1));
				firstMark = mark.find() ? mark.group(1) : null;
			}
			if (!row.group(1).equals(firstMark)) {
				mismatches.add("slide " + slide + ": run-book " + row.group(1) + ", notes " + firstMark);
			}
		}
		assertThat(rows).as("rows of the timing plan in " + RUN_BOOK_PATH).isGreaterThanOrEqualTo(10);
		assertThat(mismatches).as("minute marks in the notes against the run-book's timing plan").isEmpty();
	}

	@Test
	void deckRunsOfflineOnItsVendoredRevealJs() {
		Set<String> assets = matches(HTML_ASSET, DECK);
		assertThat(assets).as("scripts and stylesheets of the deck")
			.contains("vendor/reveal.js/dist/reveal.js", "vendor/reveal.js/dist/reveal.css",
					"vendor/reveal.js/plugin/notes/notes.js")
			.allSatisfy((asset) -> {
				assertThat(asset).as("no CDN, no network at talk time").doesNotContain("//");
				assertThat(Repository.file("slides").resolve(asset)).as(asset).isRegularFile();
			});
		assertThat(Repository.file("slides/vendor/reveal.js/LICENSE")).as("reveal.js's licence, vendored with it")
			.isRegularFile();
		assertThat(DECK).as("the presenter view (S)").contains("plugins: [ RevealNotes ]");
	}

	/**
	 * The labels of the script's top-level {@code case "${command}" in}, such as
	 * {@code flaky | every-third}.
	 */
	private static Set<String> backendScenarioIds() {
		return new LinkedHashSet<>(matches(SCENARIO_ID, Repository.read(SCENARIO_SOURCE)));
	}

	private static Set<String> chaosScriptCommands() {
		String script = Repository.read("scripts/chaos");
		String commands = script.substring(script.indexOf("case \"${command}\" in"));
		Set<String> accepted = new LinkedHashSet<>();
		Matcher label = Pattern.compile("(?m)^\\t([^\\t\\s(][^)\\n]*)\\)").matcher(commands);
		while (label.find()) {
			for (String word : label.group(1).split("\\|")) {
				if (!word.isBlank() && !word.trim().equals("*")) {
					accepted.add(word.trim());
				}
			}
		}
		return accepted;
	}

	private static Set<String> javaFileNames() {
		try (Stream<Path> files = Files.walk(Repository.file("."))) {
			return files.filter((file) -> !file.toString().contains("/target/"))
				.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".java"))
				.collect(Collectors.toSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Set<String> matches(Pattern pattern, String text) {
		Set<String> found = new LinkedHashSet<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static int count(Pattern pattern, String text) {
		return (int) pattern.matcher(text).results().count();
	}

	/**
	 * The deck's text: tags dropped, so that attributes (image sources, links) are not
	 * read as text.
	 */
	private static String withoutTags(String html) {
		return html.replaceAll("(?s)<script.*?</script>|<style.*?</style>|<!--.*?-->", " ").replaceAll("<[^>]+>", " ");
	}

}
