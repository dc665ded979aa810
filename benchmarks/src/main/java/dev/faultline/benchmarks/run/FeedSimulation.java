package dev.faultline.benchmarks.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.faultline.benchmarks.Levels;
import dev.faultline.benchmarks.Scenario;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The load of one scenario, as a Gatling simulation built from the current
 * {@link LoadPlan}: each UI gets the same open-model load on the feed of its own level
 * plus a low-rate {@code /about} probe, or, for the healthy scenario's extra phases, only
 * the full and none UIs get a higher rate or a closed-model loop. Every request, whatever
 * its status and even without an answer, becomes a row of {@code requests.csv}.
 */
public class FeedSimulation extends Simulation {

	static final int FEED_USERS_PER_SECOND = 10;

	static final int ABOUT_PROBES_PER_SECOND = 2;

	static final int FAIRNESS_USERS_PER_SECOND = 20;

	static final int THROUGHPUT_USERS = 4;

	/** Rounds of the closed-loop throughput run, alternating the two levels. */
	public static final int THROUGHPUT_ROUNDS = 8;

	private final LoadPlan plan;

	/** Built by Gatling, which needs a public no-argument constructor. */
	public FeedSimulation() {
		LoadPlan plan = LoadPlan.current();
		this.plan = plan;
		Scenario scenario = plan.scenario();
		List<PopulationBuilder> populations = new ArrayList<>();
		switch (scenario.load()) {
			case STANDARD -> plan.uiUrls().forEach((level, url) -> {
				populations.add(scenario("feed " + level).exec(request(plan, level, RequestRecorder.FEED))
					.injectOpen(constantUsersPerSec(FEED_USERS_PER_SECOND).during(scenario.totalSeconds()))
					.protocols(protocol(url)));
				populations.add(scenario("about " + level).exec(request(plan, level, RequestRecorder.ABOUT))
					.injectOpen(constantUsersPerSec(ABOUT_PROBES_PER_SECOND).during(scenario.totalSeconds()))
					.protocols(protocol(url)));
			});
			case FAIRNESS -> fairAndNone(plan.uiUrls()).forEach((level,
					url) -> populations.add(scenario("feed " + level).exec(request(plan, level, RequestRecorder.FEED))
						.injectOpen(constantUsersPerSec(FAIRNESS_USERS_PER_SECOND).during(scenario.totalSeconds()))
						.protocols(protocol(url))));
			case THROUGHPUT -> populations.add(throughputRounds(plan));
		}
		setUp(populations);
	}

	/**
	 * Runs the installed {@link LoadPlan} in this JVM and returns Gatling's status (0
	 * when it ran to its end).
	 * @param description the run's name in Gatling's own logs
	 * @param results where Gatling writes its simulation logs
	 */
	static int run(String description, Path results) {
		// Gatling 3.14 has no fromMap/GatlingPropertiesBuilder any more; fromArgs runs in
		// this JVM and returns the status where Gatling.main would call System.exit.
		return io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] { "--simulation", FeedSimulation.class.getName(),
				"--results-folder", results.toString(), "--no-reports", "--run-description", description });
	}

	@Override
	public void before() {
		this.plan.onStart().run();
	}

	/**
	 * Rounds of full and none in the order full, none, none, full (repeated), each
	 * starting when the previous one ends: interleaved, and balanced so that a machine
	 * getting slower or faster during the run favours neither.
	 */
	private static PopulationBuilder throughputRounds(LoadPlan plan) {
		Map<String, String> urls = fairAndNone(plan.uiUrls());
		int roundSeconds = plan.scenario().totalSeconds() / THROUGHPUT_ROUNDS;
		PopulationBuilder chain = null;
		for (int round = THROUGHPUT_ROUNDS; round >= 1; round--) {
			String level = ((round - 1) % 4 == 0 || (round - 1) % 4 == 3) ? Levels.FULL : Levels.NONE;
			PopulationBuilder population = scenario("round " + round + " " + level)
				.exec(request(plan, level, RequestRecorder.FEED))
				.injectClosed(constantConcurrentUsers(THROUGHPUT_USERS).during(roundSeconds))
				.protocols(protocol(urls.get(level)));
			chain = (chain != null) ? population.andThen(chain) : population;
		}
		return chain;
	}

	private static Map<String, String> fairAndNone(Map<String, String> urls) {
		return Map.of(Levels.FULL, urls.get(Levels.FULL), Levels.NONE, urls.get(Levels.NONE));
	}

	private static ChainBuilder request(LoadPlan plan, String level, String path) {
		String uri = path.equals(RequestRecorder.FEED) ? path + "?level=" + level : path;
		return exec((session) -> session.set("startNanos", System.nanoTime())
			.set("startEpochMs", System.currentTimeMillis())
			.remove("status")
			.remove("body"))
			// status() replaces Gatling's default 2xx check: a 502 or 503 is an answer to
			// record, not an error.
			.exec(http(level + " " + path).get(uri).check(status().saveAs("status"), bodyString().saveAs("body")))
			.exec((session) -> {
				long latencyMs = (System.nanoTime() - session.getLong("startNanos")) / 1_000_000;
				plan.recorder()
					.record(plan.scenario().name(), level, path, session.getLong("startEpochMs"), latencyMs,
							session.contains("status") ? session.getInt("status") : 0, body(session));
				return session;
			});
	}

	private static String body(Session session) {
		return session.contains("body") ? session.getString("body") : null;
	}

	private static HttpProtocolBuilder protocol(String baseUrl) {
		return http.baseUrl(baseUrl).disableWarmUp().disableCaching().acceptHeader("application/json, text/html");
	}

}
