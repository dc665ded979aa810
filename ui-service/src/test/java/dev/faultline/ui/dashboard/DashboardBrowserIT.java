package dev.faultline.ui.dashboard;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.faultline.testsupport.BackendProcess;
import dev.faultline.testsupport.HeadlessChromium;
import dev.faultline.testsupport.SharedBackend;
import dev.faultline.ui.backend.Replica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (Debian's chromium, headless, 1280x720, driven through
 * {@code /usr/bin/chromedriver} and never a downloaded driver) against both real
 * services: this UI on a random port and the backend's fat jar ({@link BackendProcess},
 * the {@link SharedBackend}). It loads without console errors; with the traffic generator
 * running, "outage" turns the protected lamp red within seconds while the page keeps
 * updating and the unprotected column fails and the replica panel shows the backend
 * failing; "off" turns it green again. The replica panel shows the one backend. Loaded
 * and mid-outage, at 1280x720 and at 1024x768, no label or figure is cut, with the live
 * figures and with the widest the demo can show written in. A screenshot of each step
 * goes to {@code target/screenshots/}.
 *
 * <p>
 * Skipped, with the reason printed, when chromium or chromedriver is not installed or the
 * backend jar is not built.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// 3 s open instead of the test profile's 1 s: the red lamp stays on long enough
		// to be seen and photographed.
		properties = "resilience4j.circuitbreaker.configs.default.waitDurationInOpenState=3s")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@EnabledIf(value = "chromiumInstalled", disabledReason = HeadlessChromium.NOT_INSTALLED)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	/** The projectors the dashboard must fit: 16:9 and 4:3. */
	private static final List<List<Integer>> PROJECTORS = List.of(List.of(1280, 720), List.of(1024, 768));

	/**
	 * The widest figure each field can show in a talk (a 10-minute run at 50 reads/s, a
	 * peer's verdict, a replica named backend-3), written into the page just before it is
	 * measured.
	 */
	private static final String WIDEST_FIGURES = """
			const widest = { state: 'HALF_OPEN · from ui-2', since: 'for 59:59', halfOpen: 'half-open in 59 s',
			  failureRate: '100%/50', slowRate: '100%/50', buffered: '9999 in 10 s', notPermitted: '999999',
			  retries: '12000/300/900', timeouts: '99999', bulkhead: '8/8 ×99999', rate: '999.9',
			  outcome: '999/999/999', latency: '2000/30000' };
			document.querySelectorAll('[data-field]').forEach((el) => {
			  if (widest[el.dataset.field]) { el.textContent = widest[el.dataset.field]; }
			});
			document.querySelector('#col-protected [data-field=level]').textContent = 'circuit-breaker';
			document.getElementById('traffic-status').textContent = '50/s · 9:59 left · skipped 99999';
			document.querySelectorAll('#replica-rows tr').forEach((tr) => {
			  ['backend-3', 'in rotation', '9999/999', '9999'].forEach((text, i) => { tr.children[i].textContent = text; });
			});
			// Chart.js follows its box on the next frame; the measurement is now.
			document.querySelectorAll('canvas').forEach((canvas) => Chart.getChart(canvas).resize());
			""";

	/**
	 * Generous for a loaded 2-core machine; the page itself reacts within a second or
	 * two.
	 */
	private static final Duration WAIT = Duration.ofSeconds(20);

	private static BackendProcess backend;

	private static HeadlessChromium chromium;

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private TrafficGenerator traffic;

	static boolean chromiumInstalled() {
		return HeadlessChromium.installed();
	}

	@BeforeAll
	static void startBackendAndBrowser() throws Exception {
		backend = SharedBackend.startOrSkip(DashboardBrowserIT.class);
		Files.createDirectories(SCREENSHOTS);
		// The page must fit a 1280x720 viewport (a projector in full screen), not a
		// 1280x720 window around it.
		chromium = HeadlessChromium.start(1280, 720);
		browser = chromium.browser();
	}

	@AfterAll
	static void stopBrowserAndBackend() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@DynamicPropertySource
	static void pointAtTheRealBackend(DynamicPropertyRegistry registry) {
		registry.add("faultline.backend.base-url", () -> backend.apiUrl());
		registry.add("faultline.backend.management-url", () -> backend.managementUrl());
	}

	@AfterEach
	void stopTrafficAndChaos() {
		this.traffic.stopSending();
		if (backend != null) {
			backend.management("DELETE", "/chaos");
		}
	}

	@Test
	@Order(1)
	void dashboardLoadsAndUpdatesWithoutConsoleErrors() throws IOException {
		long start = System.nanoTime();
		browser.get("http://localhost:" + this.port + "/dashboard");

		awaitSnapshots(2);

		assertThat(lampState("protected")).isEqualTo("CLOSED");
		assertThat(lamp("protected")).isEqualTo("green");
		assertThat(text("#col-protected [data-field=level]")).isEqualTo("full");
		assertThat(((JavascriptExecutor) browser)
			.executeScript("return [window.innerWidth, window.innerHeight, document.documentElement.scrollHeight]"))
			.as("a 1280x720 viewport, nothing below the fold")
			.isEqualTo(List.of(1280L, 720L, 720L));
		assertThat(text("#col-none [data-field=level]")).isEqualTo("none");
		waitUntil("the chaos panel shows the backend's state", () -> text("#chaos-status").equals("no chaos"));
		assertThat(browser.findElements(By.cssSelector(".chaos-action"))).extracting((button) -> button.getText())
			.containsExactly("slow", "errors", "every-third", "hang", "outage", "flapping", "off");
		assertThat(((JavascriptExecutor) browser).executeScript("return typeof Chart")).isEqualTo("function");
		waitUntil("the replica panel shows the one backend in rotation",
				() -> browser.findElements(By.cssSelector("#replica-rows tr")).size() == 1
						&& text("#replica-rows tr .rotation").equals("in rotation"));
		assertThat(attribute("#replica-rows tr", "title"))
			.isEqualTo(Replica.at(URI.create(backend.apiUrl())).id() + " · breaker CLOSED");
		assertThat(text("#replicas-window")).matches("last \\d+ s");
		assertThat(browser.findElements(By.id("chaos-target"))).as("no choice of replica with one backend").isEmpty();
		screenshot("01-loaded");
		assertNothingCut("loaded");
		pageInAnotherTab("/?level=full", "Live from the backend", "messages-live");
		assertThat(consoleErrors()).isEmpty();
		report("loaded and updating", start);
	}

	@Test
	@Order(2)
	void outageTurnsTheProtectedLampRedWhileThePageUpdatesAndOffTurnsItGreen() throws IOException {
		browser.get("http://localhost:" + this.port + "/dashboard");
		awaitSnapshots(1);
		Rectangle lampAtRest = browser.findElement(By.id("lamp-protected")).getRect();
		Rectangle chartAtRest = browser.findElement(By.id("chart-none")).getRect();

		long start = System.nanoTime();
		click("button.rate[data-rate='20']");
		click("#traffic-toggle");
		waitUntil("traffic is flowing", () -> "true".equals(attribute("#traffic-toggle", "data-running"))
				&& !text("#col-protected [data-field=rate]").equals("0.0"));
		screenshot("02-traffic");
		report("traffic flowing", start);

		start = System.nanoTime();
		click("button.chaos-action[data-action='outage']");
		waitUntil("the protected breaker opens", () -> "OPEN".equals(lampState("protected")));
		report("lamp red after 'outage'", start);
		assertThat(lamp("protected")).isEqualTo("red");
		int seq = snapshotSeq();
		awaitSnapshots(seq + 2);
		waitUntil("the unprotected column shows failed reads",
				() -> text("#col-none [data-field=outcome]").matches("\\d+/\\d+/[1-9]\\d*"));
		waitUntil("the chaos panel shows the outage", () -> text("#chaos-status").startsWith("outage"));
		waitUntil("the replica panel shows the backend failing",
				() -> text("#replica-rows tr .calls").matches("\\d+/[1-9]\\d*")
						|| !text("#replica-rows tr .rotation").equals("in rotation"));
		waitUntil("the breaker is open again for the photo", () -> "OPEN".equals(lampState("protected")));
		Path outage = screenshot("03-outage");
		Files.copy(outage, SCREENSHOTS.resolve("dashboard-outage.png"), StandardCopyOption.REPLACE_EXISTING);
		pageInAnotherTab("/?level=full", "Served from cache", "messages-cache");
		assertThat(browser.findElement(By.id("lamp-protected")).getRect()).isEqualTo(lampAtRest);
		assertThat(browser.findElement(By.id("chart-none")).getRect()).isEqualTo(chartAtRest);
		assertNothingCut("mid-outage");

		start = System.nanoTime();
		click("button.chaos-action[data-action='off']");
		waitUntil("the protected breaker closes again", () -> "CLOSED".equals(lampState("protected")));
		report("lamp green after 'off'", start);
		assertThat(lamp("protected")).isEqualTo("green");
		waitUntil("the chaos panel shows no chaos", () -> text("#chaos-status").equals("no chaos"));
		screenshot("04-recovered");
		click("#traffic-toggle");
		waitUntil("traffic stops", () -> "false".equals(attribute("#traffic-toggle", "data-running")));
		assertThat(consoleErrors()).isEmpty();
	}

	/**
	 * At each projector size, nothing is cut: not the figures the page shows, nor the
	 * widest it could show. The event log and the chaos status are cut on purpose
	 * ({@code data-may-clip}): the rest of each is in its tooltip.
	 */
	private static void assertNothingCut(String when) {
		long start = System.nanoTime();
		List<String> problems = new ArrayList<>();
		for (List<Integer> size : PROJECTORS) {
			chromium.viewport(size.get(0), size.get(1));
			String at = when + " at " + size.get(0) + "x" + size.get(1) + ": ";
			assertThat(((JavascriptExecutor) browser)
				.executeScript("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"))
				.as(at + "the page is the viewport, nothing below the fold or beside it")
				.isEqualTo(List.of(size.get(0).longValue(), size.get(1).longValue()));
			chromium.cutContent("", "main.dashboard", null, "[data-may-clip]")
				.forEach((problem) -> problems.add(at + problem));
			chromium.cutContent(WIDEST_FIGURES, "main.dashboard", null, "[data-may-clip]")
				.forEach((problem) -> problems.add(at + "widest figures: " + problem));
		}
		chromium.viewport(1280, 720);
		assertThat(problems).as("labels and figures the projector would not show whole").isEmpty();
		report("nothing cut " + when + ", both sizes", start);
	}

	private static void awaitSnapshots(int count) {
		waitUntil(count + " snapshots", () -> snapshotSeq() >= count);
	}

	private static int snapshotSeq() {
		return Integer.parseInt(attribute("#updated-at", "data-seq"));
	}

	private static String lampState(String column) {
		return attribute("#lamp-" + column, "data-state");
	}

	private static String lamp(String column) {
		return attribute("#lamp-" + column, "data-lamp");
	}

	private static String attribute(String css, String name) {
		return browser.findElement(By.cssSelector(css)).getDomAttribute(name);
	}

	private static String text(String css) {
		return browser.findElement(By.cssSelector(css)).getText().trim();
	}

	private static void click(String css) {
		browser.findElement(By.cssSelector(css)).click();
	}

	private static void waitUntil(String what, java.util.function.BooleanSupplier condition) {
		new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofMillis(100))
			.withMessage(() -> what + " within " + WAIT)
			.until((driver) -> condition.getAsBoolean());
	}

	/**
	 * Opens a page in a second tab, as the speaker does, waits for the text, takes its
	 * picture (the deck's and the README's screenshots come from here) and goes back.
	 */
	private void pageInAnotherTab(String path, String text, String name) throws IOException {
		String dashboard = browser.getWindowHandle();
		browser.switchTo().newWindow(WindowType.TAB);
		try {
			browser.get("http://localhost:" + this.port + path);
			waitUntil("the page says " + text, () -> text("#source").startsWith(text));
			screenshot(name);
		}
		finally {
			browser.close();
			browser.switchTo().window(dashboard);
		}
	}

	private static Path screenshot(String name) throws IOException {
		Path file = SCREENSHOTS.resolve(name + ".png");
		Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		return file;
	}

	private static List<String> consoleErrors() {
		return chromium.consoleErrors();
	}

	private static void report(String step, long startNanos) {
		System.out.printf("Dashboard browser test: %s in %d ms%n", step, (System.nanoTime() - startNanos) / 1_000_000);
	}

}
