package dev.faultline.deployment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.faultline.testsupport.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every slide fits the projector: the deck ({@code slides/index.html}, offline, as the
 * speaker opens it) in headless Chromium at 1280x720 and at 1024x768, one browser for
 * both. On each slide no text, image, table or drawing reaches into the slide's padding,
 * where the footer is, or spills over what follows it
 * ({@link HeadlessChromium#cutContent}). reveal.js scales the 1280x720 slides to the
 * window, so a slide that fits one size fits the other unless fonts or layout depend on
 * it; both are checked because that is what the projector shows.
 *
 * <p>
 * Skipped, with the reason printed, when Debian's chromium or chromedriver is not
 * installed.
 */
@EnabledIf(value = "chromiumInstalled", disabledReason = HeadlessChromium.NOT_INSTALLED)
class SlidesFitIT {

	/** The projectors the talk must fit: 16:9 and 4:3. */
	private static final List<List<Integer>> PROJECTORS = List.of(List.of(1280, 720), List.of(1024, 768));

	static boolean chromiumInstalled() {
		return HeadlessChromium.installed();
	}

	@Test
	void everySlideFitsAt1280x720And1024x768() throws Exception {
		long start = System.nanoTime();
		List<String> problems = new ArrayList<>();
		int checked = 0;
		try (HeadlessChromium chromium = HeadlessChromium.start(1280, 720)) {
			JavascriptExecutor page = (JavascriptExecutor) chromium.browser();
			chromium.browser().get(Repository.file("slides/index.html").toUri().toString());
			new WebDriverWait(chromium.browser(), Duration.ofSeconds(20))
				.until((driver) -> Boolean.TRUE.equals(page.executeScript("return Reveal.isReady()")));
			int slides = ((Number) page.executeScript("return Reveal.getTotalSlides()")).intValue();
			assertThat(slides).as("slides in the deck").isGreaterThanOrEqualTo(16);
			for (List<Integer> size : PROJECTORS) {
				chromium.viewport(size.get(0), size.get(1));
				page.executeScript("Reveal.layout()");
				for (int slide = 0; slide < slides; slide++) {
					page.executeScript("Reveal.slide(arguments[0])", slide);
					String at = size.get(0) + "x" + size.get(1) + ", slide " + (slide + 1) + ": ";
					chromium.cutContent("", ".reveal .slides > section.present", "content-box", ".footer, aside.notes")
						.forEach((problem) -> problems.add(at + problem));
					checked++;
				}
			}
			assertThat(chromium.consoleErrors()).as("errors in the browser's console").isEmpty();
		}
		System.out.printf("SlidesFitIT: %d slides checked at 2 sizes in %d ms%n", checked / PROJECTORS.size(),
				(System.nanoTime() - start) / 1_000_000);
		assertThat(problems).as("slide content the projector would cut, or that runs into the footer").isEmpty();
	}

}
