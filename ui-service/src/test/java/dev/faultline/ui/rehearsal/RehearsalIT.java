package dev.faultline.ui.rehearsal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.testsupport.BackendProcess;
import dev.faultline.testsupport.BackendReplicas;
import dev.faultline.testsupport.PostgresServer;
import dev.faultline.testsupport.SharedBackend;
import dev.faultline.testsupport.TestHttp;
import dev.faultline.ui.UiApplication;
import dev.faultline.ui.backend.Replica;
import dev.faultline.ui.rehearsal.RunBook.Step;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.lang.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The talk's demo, rehearsed: every step of the run-book in {@code slides/README.md}, in
 * order, against three real backend jars on one real PostgreSQL (as compose runs them)
 * and the UI with its production settings. Each step does what the speaker does (the real
 * {@code scripts/chaos} commands, the dashboard's traffic and level controls with the
 * page's CSRF token) and checks what the audience must see through the endpoints the
 * dashboard and the page read (the dashboard's snapshot stream, the feed). Steps only the
 * compose stack can show are covered by {@code scripts/compose-smoke.sh}. Every
 * observation is printed, so the speaker sees the numbers the audience will see; the
 * bounds hold on a loaded 2-core machine.
 */
class RehearsalIT {

	private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern CSRF = Pattern.compile("data-csrf=\"([^\"]+)\"");

	private static final Pattern LAMP = Pattern.compile("lamp (\\S+) ([A-Z_]+) within (\\d+)s");

	private static final Pattern LIVE = Pattern.compile("live (\\S+) (>=|<=) (\\d+)% over (\\d+)s");

	private static final Pattern P99 = Pattern.compile("p99 (\\S+) <= (\\d+)ms over (\\d+)s");

	private static final Pattern SOURCE = Pattern.compile("source (\\S+) (\\S+) within (\\d+)s");

	private static final Pattern REPLICA = Pattern
		.compile("replica (backend-\\d+) (in rotation|ejected|trial) within (\\d+)s");

	private static final int REPLICAS = BackendReplicas.COUNT;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final List<BackendProcess> backends = new ArrayList<>();

	@Nullable
	private static BackendReplicas replicas;

	private static ConfigurableApplicationContext ui;

	private static TestHttp browser;

	private static String csrf;

	private String level = "full";

	private int rate;

	/**
	 * Starts what compose runs: three backend replicas on one PostgreSQL (shared with the
	 * other replica tests), and the UI in front of them. Without Debian's PostgreSQL, one
	 * backend on its embedded database (the {@link SharedBackend}), and the steps that
	 * need replicas are skipped with the reason printed.
	 */
	@BeforeAll
	static void startBothServices() throws Exception {
		if (PostgresServer.installed()) {
			replicas = BackendReplicas.startOrSkip(RehearsalIT.class);
			backends.addAll(replicas.backends());
		}
		else {
			System.err.println("[SKIPPED] RehearsalIT's replica steps: " + PostgresServer.missing().orElse("")
					+ "; the other steps run against one backend");
			backends.add(SharedBackend.startOrSkip(RehearsalIT.class));
		}
		ui = new SpringApplicationBuilder(UiApplication.class).run("--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off", "--server.shutdown=immediate",
				"--faultline.backend.replicas="
						+ String.join(",", backends.stream().map(BackendProcess::apiUrl).toList()),
				"--faultline.backend.management-urls="
						+ String.join(",", backends.stream().map(BackendProcess::managementUrl).toList()));
		browser = TestHttp.browserTo("http://127.0.0.1:" + ((WebServerApplicationContext) ui).getWebServer().getPort());
		Matcher token = CSRF.matcher(browser.get("/dashboard").body());
		assertThat(token.find()).as("the dashboard's CSRF token").isTrue();
		csrf = token.group(1);
	}

	@AfterAll
	static void stopBothServices() {
		if (ui != null) {
			ui.close();
		}
		if (replicas != null) {
			replicas.reviveAll();
		}
	}

	@Test
	void everyStepOfTheRunBookShowsWhatTheAudienceIsPromised() throws Exception {
		List<Step> steps = RunBook.read(REPOSITORY.resolve("slides/README.md"));
		assertThat(steps).as("run-book steps").hasSizeGreaterThanOrEqualTo(9);
		chaos("scripts/chaos off");
		List<String> failures = new ArrayList<>();
		for (Step step : steps) {
			if (step.composeOnly()) {
				System.out.printf("Rehearsal step %s: compose only, checked by scripts/compose-smoke.sh%n", step.id());
				continue;
			}
			if (step.needsReplicas() && backends.size() < REPLICAS) {
				System.err.printf("[SKIPPED] Rehearsal step %s: needs three backend replicas on PostgreSQL%n",
						step.id());
				continue;
			}
			perform(step);
			for (String check : step.checks()) {
				if (Step.isReplicaCheck(check) && backends.size() < REPLICAS) {
					System.err.printf("[SKIPPED] Rehearsal step %s: %s needs three backend replicas on PostgreSQL%n",
							step.id(), check);
					continue;
				}
				String observed = check(check);
				System.out.printf("Rehearsal step %s: %s -> %s%n", step.id(), check, observed);
				if (observed.startsWith("FAILED")) {
					failures.add("step " + step.id() + " (" + step.actions() + "): " + check + " -> " + observed);
				}
			}
		}
		chaos("scripts/chaos off");
		assertThat(failures).as("run-book steps whose observation did not hold").isEmpty();
	}

	private void perform(Step step) throws Exception {
		if (step.rate() != null) {
			this.rate = step.rate();
			traffic("POST", "/dashboard/traffic?level=" + this.level + "&rate=" + this.rate);
		}
		if (step.level() != null) {
			this.level = step.level();
			if (this.rate > 0) {
				traffic("POST", "/dashboard/traffic?level=" + this.level + "&rate=" + this.rate);
			}
		}
		for (String action : step.replicaActions()) {
			String[] words = action.split(" ");
			BackendProcess replica = replica(words[1]);
			if ("kill".equals(words[0])) {
				replica.kill();
			}
			else {
				replica.revive();
			}
		}
		for (String command : step.chaos()) {
			chaos(command);
		}
		if (step.stopTraffic()) {
			traffic("DELETE", "/dashboard/traffic");
			this.rate = 0;
		}
	}

	/** What was observed, or {@code FAILED: ...}. */
	private String check(String check) throws Exception {
		Matcher lamp = LAMP.matcher(check);
		if (lamp.matches()) {
			String state = lamp.group(2);
			return within(Duration.ofSeconds(Long.parseLong(lamp.group(3))), () -> breakerState(lamp.group(1)),
					state::equals);
		}
		Matcher live = LIVE.matcher(check);
		if (live.matches()) {
			// The run-book's "over N s": the speaker watches that long.
			Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(live.group(4))));
			JsonNode recent = column(live.group(1)).path("recent");
			int total = recent.path("live").asInt() + recent.path("cached").asInt() + recent.path("failed").asInt();
			long percent = (total > 0) ? Math.round(100.0 * recent.path("live").asInt() / total) : 0;
			int bound = Integer.parseInt(live.group(3));
			boolean holds = (total > 0) && (">=".equals(live.group(2)) ? percent >= bound : percent <= bound);
			return (holds ? "" : "FAILED: ") + percent + "% live of " + total + " reads in the last 10 s";
		}
		Matcher p99 = P99.matcher(check);
		if (p99.matches()) {
			Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(p99.group(3))));
			JsonNode recent = column(p99.group(1)).path("recent");
			long ms = recent.path("p99").asLong(Long.MAX_VALUE);
			int total = recent.path("live").asInt() + recent.path("cached").asInt() + recent.path("failed").asInt();
			return ((ms <= Long.parseLong(p99.group(2))) ? "" : "FAILED: ") + "p99 " + ms + " ms over " + total
					+ " reads in the last 10 s";
		}
		Matcher source = SOURCE.matcher(check);
		if (source.matches()) {
			String wanted = source.group(2);
			return within(Duration.ofSeconds(Long.parseLong(source.group(3))), () -> feedSource(source.group(1)),
					wanted::equals);
		}
		Matcher replica = REPLICA.matcher(check);
		if (replica.matches()) {
			String id = Replica.at(URI.create(replica(replica.group(1)).apiUrl())).id();
			return within(Duration.ofSeconds(Long.parseLong(replica.group(3))), () -> rotation(id),
					replica.group(2)::equals);
		}
		if ("traffic stopped".equals(check)) {
			JsonNode traffic = JSON.readTree(browser.get("/dashboard/traffic").body());
			return (traffic.path("running").asBoolean() ? "FAILED: still running" : "stopped") + ", "
					+ traffic.path("sent").asLong() + " reads sent";
		}
		return "FAILED: the rehearsal does not understand this check";
	}

	/** What was last observed and when, {@code FAILED: ...} when it never held. */
	private static String within(Duration limit, Supplier<String> observe, Predicate<String> ok) {
		long start = System.nanoTime();
		AtomicReference<String> seen = new AtomicReference<>();
		boolean held;
		try {
			await().atMost(limit)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(200))
				.pollInSameThread()
				// Only the observation counts, not a UI thread failing meanwhile.
				.dontCatchUncaughtExceptions()
				.until(() -> ok.test(seen.updateAndGet((previous) -> observe.get())));
			held = true;
		}
		catch (ConditionTimeoutException ex) {
			held = false;
		}
		long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
		return (held ? "" : "FAILED: ") + seen.get() + " after " + ms + " ms";
	}

	/** The replica's state as the UI's health shows it: in rotation, ejected or trial. */
	private static String rotation(String id) {
		try {
			return JSON.readTree(browser.get("/actuator/health/replicas").body())
				.path("details")
				.path(id)
				.path("rotation")
				.asText("unknown");
		}
		catch (IOException ex) {
			return "no health";
		}
	}

	/** The backend compose calls {@code backend-N}. */
	private static BackendProcess replica(String name) {
		return backends.get(Integer.parseInt(name.substring("backend-".length())) - 1);
	}

	private String breakerState(String level) {
		return column(level).path("breaker").path("state").asText("no breaker");
	}

	private String feedSource(String level) {
		try {
			return JSON.readTree(browser.get("/api/feed?level=" + level, "Accept", "application/json").body())
				.path("source")
				.asText();
		}
		catch (IOException ex) {
			return "no feed";
		}
	}

	/** The level's column of the dashboard's next snapshot, as the page reads it. */
	private JsonNode column(String level) {
		boolean unprotected = "none".equals(level);
		String follow = unprotected ? this.level : level;
		HttpRequest.Builder request = HttpRequest.newBuilder(browser.uri("/dashboard/stream?level=" + follow))
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofSeconds(20));
		try (Stream<String> lines = browser.client()
			.send(request.build(), HttpResponse.BodyHandlers.ofLines())
			.body()) {
			Iterator<String> line = lines.iterator();
			boolean snapshot = false;
			while (line.hasNext()) {
				String text = line.next();
				if (text.equals("event:snapshot")) {
					snapshot = true;
				}
				else if (snapshot && text.startsWith("data:")) {
					JsonNode data = JSON.readTree(text.substring("data:".length()));
					return data.path(unprotected ? "unprotected" : "protectedLevel");
				}
			}
			throw new AssertionError("The dashboard stream ended without a snapshot");
		}
		catch (IOException ex) {
			throw new AssertionError("The dashboard stream failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	private static void traffic(String method, String path) {
		HttpResponse<String> answer = browser.send(method, path, null, "X-CSRF-TOKEN", csrf);
		assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(200);
	}

	/** Runs the speaker's command, the real script, against the backend's chaos API. */
	private static void chaos(String command) throws Exception {
		List<String> words = new ArrayList<>(List.of(command.split(" ")));
		words.set(0, REPOSITORY.resolve(words.get(0)).toString());
		ProcessBuilder builder = new ProcessBuilder(words).redirectErrorStream(true);
		// The replicas under compose's names, as scripts/chaos lists them by default.
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < backends.size(); i++) {
			urls.add("backend-" + (i + 1) + "=" + backends.get(i).managementUrl());
		}
		builder.environment().put("CHAOS_URLS", String.join(" ", urls));
		builder.environment().remove("CHAOS_URL");
		Process process = builder.start();
		process.getOutputStream().close();
		boolean done = process.waitFor(30, TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!done) {
			process.destroyForcibly();
		}
		assertThat(done && process.exitValue() == 0).as(command + ":\n" + output).isTrue();
	}

}
