package dev.faultline.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The talk's PDF, produced as the speaker produces it: {@code scripts/slides-pdf.sh}
 * prints {@code slides/index.html?print-pdf} with headless Chromium, offline, and the PDF
 * has exactly one page per slide, each the deck's 1280x720 (960x540 pt). Written to
 * {@code target/}, never into {@code slides/}.
 *
 * <p>
 * Skipped, with the reason printed, when Debian's chromium is not installed.
 */
@EnabledIf(value = "chromiumInstalled", disabledReason = "needs /usr/bin/chromium (apt-get install chromium)")
class SlidesPdfIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	/**
	 * The whole run is bounded: a browser that hangs fails the test instead of the build.
	 */
	private static final long TIMEOUT_SECONDS = 60;

	private static final Pattern SLIDE = Pattern.compile("<section class=\"slide\\b");

	/** A page object; {@code /Type /Pages} is the page tree, not a page. */
	private static final Pattern PDF_PAGE = Pattern.compile("/Type\\s*/Page(?![A-Za-z])");

	private static final Pattern PDF_MEDIA_BOX = Pattern.compile("/MediaBox\\s*\\[([^\\]]*)\\]");

	static boolean chromiumInstalled() {
		return Files.isExecutable(CHROMIUM);
	}

	@Test
	void theScriptWritesOnePagePerSlide() throws Exception {
		Path target = Path.of("target").toAbsolutePath();
		Files.createDirectories(target);
		Path pdf = target.resolve("faultline.pdf");
		Path log = target.resolve("slides-pdf.log");
		Files.deleteIfExists(pdf);
		ProcessBuilder builder = new ProcessBuilder("bash", Repository.file("scripts/slides-pdf.sh").toString(),
				pdf.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("CHROMIUM", CHROMIUM.toString());
		// The script stops the browser a little before this test gives up on the script.
		builder.environment().put("PDF_TIMEOUT_SECONDS", String.valueOf(TIMEOUT_SECONDS - 10));
		long start = System.nanoTime();
		Process process = builder.start();
		if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			fail("scripts/slides-pdf.sh took longer than " + TIMEOUT_SECONDS + " s:\n" + read(log));
		}
		String output = read(log);
		System.out.printf("scripts/slides-pdf.sh in %d ms: %s%n", (System.nanoTime() - start) / 1_000_000,
				output.strip());
		assertThat(process.exitValue()).as("exit status of scripts/slides-pdf.sh, which printed:\n" + output).isZero();
		assertThat(pdf).isRegularFile();
		String content = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
		long slides = SLIDE.matcher(Repository.read("slides/index.html")).results().count();
		assertThat(slides).as("slides in slides/index.html").isPositive();
		assertThat(PDF_PAGE.matcher(content).results().count()).as("pages in the PDF").isEqualTo(slides);
		assertThat(PDF_MEDIA_BOX.matcher(content).results().map((box) -> box.group(1).trim().split("\\s+")))
			.as("page sizes in points: the deck's 1280x720 px")
			.allSatisfy((box) -> assertThat(box).containsExactly("0", "0", "960", "540"));
		assertThat(output).contains(slides + " pages for " + slides + " slides");
	}

	private static String read(Path file) throws IOException {
		return Files.exists(file) ? Files.readString(file) : "";
	}

}
