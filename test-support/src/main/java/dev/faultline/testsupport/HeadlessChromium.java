package dev.faultline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium, headless, driven through {@code /usr/bin/chromedriver} and never a
 * downloaded driver or browser, for the browser tests of the dashboard and the slides: a
 * viewport of exactly the size asked for (a projector showing the page full screen), the
 * browser's console log, and {@link #cutContent} to find what a page cuts or draws over
 * something else. Needs Selenium on the test class path (optional here).
 */
public final class HeadlessChromium implements AutoCloseable {

	/** The browser. */
	public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	/** Its driver, from Debian's chromium-driver. */
	public static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

	/** Why a browser test did not run where they are missing. */
	public static final String NOT_INSTALLED = "needs /usr/bin/chromium and /usr/bin/chromedriver "
			+ "(apt-get install chromium chromium-driver)";

	private static final String CUT_CONTENT = resource("cut-content.js");

	private final ChromeDriverService service;

	private final WebDriver browser;

	private final Path profile;

	private HeadlessChromium(ChromeDriverService service, WebDriver browser, Path profile) {
		this.service = service;
		this.browser = browser;
		this.profile = profile;
	}

	/** Whether Debian's chromium and its driver are installed. */
	public static boolean installed() {
		return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
	}

	/**
	 * Starts the browser with a throw-away profile and a viewport of the given size; the
	 * driver logs to {@code target/chromedriver.log}.
	 */
	public static HeadlessChromium start(int width, int height) throws IOException {
		Path profile = Files.createTempDirectory("faultline-chromium");
		Files.createDirectories(Paths.get("target"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(Paths.get("target", "chromedriver.log").toFile())
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile, "--window-size=" + width + "," + height);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		HeadlessChromium chromium = new HeadlessChromium(service, new ChromeDriver(service, options), profile);
		chromium.viewport(width, height);
		chromium.browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
		return chromium;
	}

	/** The browser, to drive. */
	public WebDriver browser() {
		return this.browser;
	}

	/**
	 * Sizes the window so that the page gets exactly this viewport, as a projector in
	 * full screen shows it (a window of that size would leave the page less).
	 */
	public void viewport(int width, int height) {
		Dimension outer = this.browser.manage().window().getSize();
		List<?> inner = (List<?>) script().executeScript("return [window.innerWidth, window.innerHeight]");
		this.browser.manage()
			.window()
			.setSize(new Dimension(width + outer.getWidth() - ((Number) inner.get(0)).intValue(),
					height + outer.getHeight() - ((Number) inner.get(1)).intValue()));
	}

	/**
	 * What is cut or drawn over something else under the element the selector names, one
	 * line each, empty when everything fits (see {@code cut-content.js}).
	 * @param prepare a script run first in the same turn of the page's event loop, so
	 * that nothing the page does comes between (such as writing the widest figures in)
	 * @param root the CSS selector of the element to check
	 * @param box {@code content-box} to keep everything within the root's padding, or
	 * {@code null} for the viewport
	 * @param skip a CSS selector of the elements cut on purpose
	 */
	public List<String> cutContent(String prepare, String root, String box, String skip) {
		Object problems = script().executeScript(
				CUT_CONTENT + "\n" + prepare
						+ "\nreturn cutContent(document.querySelector(arguments[0]), arguments[1], arguments[2]);",
				root, box, skip);
		return ((List<?>) problems).stream().map(String::valueOf).toList();
	}

	/** The browser's console messages at SEVERE level, since the start. */
	public List<String> consoleErrors() {
		return this.browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map((entry) -> entry.getMessage())
			.toList();
	}

	/** Quits the browser, stops the driver and deletes the profile. */
	@Override
	public void close() {
		try {
			this.browser.quit();
		}
		finally {
			this.service.stop();
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException | RuntimeException ex) {
				// A temp directory left behind is harmless.
			}
		}
	}

	private JavascriptExecutor script() {
		return (JavascriptExecutor) this.browser;
	}

	private static String resource(String name) {
		try (InputStream in = HeadlessChromium.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException(name + " is missing beside HeadlessChromium");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
