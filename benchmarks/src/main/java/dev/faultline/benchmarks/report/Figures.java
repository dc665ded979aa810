package dev.faultline.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

import dev.faultline.benchmarks.Scenario;
import dev.faultline.benchmarks.ServiceSettings;

/**
 * The figures the report shows, computed from a run's raw data: per scenario, per level.
 */
final class Figures {

	private Figures() {
	}

	/**
	 * Startup and memory of each service, with ratios to the bare app, in the order they
	 * were measured.
	 */
	static List<Startup> startup(Results results) {
		Map<String, List<Results.Startup>> byService = new LinkedHashMap<>();
		results.startup().forEach((row) -> byService.computeIfAbsent(row.service(), (k) -> new ArrayList<>()).add(row));
		List<Startup> rows = new ArrayList<>();
		byService.forEach((service, runs) -> {
			// Each variant (plain jar, or extracted with a CDS archive) is compared with
			// the bare app started alike.
			int variant = service.indexOf(' ');
			List<Results.Startup> bare = byService
				.getOrDefault((variant < 0) ? "bare" : "bare" + service.substring(variant), List.of());
			Long bareStartup = Statistics.percentile(bare.stream().map(Results.Startup::startupMs).toList(), 50);
			Double bareRss = median(bare.stream().map(Results.Startup::rssMb).toList());
			Long startup = Statistics.percentile(runs.stream().map(Results.Startup::startupMs).toList(), 50);
			Double rss = median(runs.stream().map(Results.Startup::rssMb).toList());
			rows.add(new Startup(service, runs.size(), startup,
					median(runs.stream().map(Results.Startup::springSeconds).toList()), rss,
					(bareStartup != null && startup != null) ? (double) startup / bareStartup : null,
					(bareRss != null && rss != null) ? rss / bareRss : null));
		});
		return rows;
	}

	/**
	 * The durability measurement: for each {@code WRITE_DELAY} setting, lowest first, its
	 * measured rounds (the warm-up left out): writes per second and latency per write of
	 * the writes answered 201; and the lowest setting against the highest.
	 */
	static Durability durability(Results results) {
		Map<Integer, List<Results.WriteRound>> byDelay = new TreeMap<>();
		results.writeRounds()
			.stream()
			.filter((round) -> !round.warmUp())
			.forEach((round) -> byDelay.computeIfAbsent(round.writeDelayMs(), (k) -> new ArrayList<>()).add(round));
		List<WriteSetting> settings = new ArrayList<>();
		byDelay.forEach((delay, rounds) -> {
			List<Results.Write> writes = results.writes()
				.stream()
				.filter((write) -> write.writeDelayMs() == delay && write.round() > 0)
				.toList();
			List<Long> latencies = writes.stream()
				.filter(Results.Write::created)
				.map(Results.Write::latencyUs)
				.toList();
			List<Double> perRound = rounds.stream()
				.map((round) -> Statistics.perSecond(
						writes.stream().filter((write) -> write.round() == round.round() && write.created()).count(),
						round.durationMs()))
				.toList();
			settings.add(new WriteSetting(delay, rounds.size(), latencies.size(), writes.size() - latencies.size(),
					Statistics.perSecond(latencies.size(),
							rounds.stream().mapToLong(Results.WriteRound::durationMs).sum()),
					perRound.stream().min(Double::compare).orElse(null),
					perRound.stream().max(Double::compare).orElse(null), Statistics.percentile(latencies, 50),
					Statistics.percentile(latencies, 99), latencies.stream().max(Long::compare).orElse(null)));
		});
		WriteSetting synced = (settings.size() > 1) ? settings.get(0) : null;
		WriteSetting deferred = (settings.size() > 1) ? settings.get(settings.size() - 1) : null;
		return new Durability(settings, (int) results.writes().stream().map(Results.Write::writer).distinct().count(),
				meanSeconds(results.writeRounds().stream().filter((round) -> !round.warmUp()).toList()),
				meanSeconds(results.writeRounds().stream().filter(Results.WriteRound::warmUp).toList()),
				(synced != null && deferred.writesPerSecond() > 0)
						? synced.writesPerSecond() / deferred.writesPerSecond() : null,
				(synced != null) ? Format.ratioValue(synced.p50Us(), deferred.p50Us()) : null,
				(synced != null) ? Format.ratioValue(synced.p99Us(), deferred.p99Us()) : null);
	}

	private static double meanSeconds(List<Results.WriteRound> rounds) {
		return rounds.stream().mapToLong(Results.WriteRound::durationMs).average().orElse(0) / 1000.0;
	}

	/** The lower median of the values present, or {@code null} when there are none. */
	static Double median(List<Double> values) {
		List<Double> present = values.stream().filter(Objects::nonNull).sorted().toList();
		return present.isEmpty() ? null : present.get((present.size() - 1) / 2);
	}

	/** Every scenario of the run, in run order. */
	static List<ScenarioFigures> compute(Results results) {
		List<ScenarioFigures> figures = new ArrayList<>();
		RetryBudget budget = RetryBudget.of(results.run());
		LevelPatterns patterns = LevelPatterns.of(results);
		for (String name : results.scenarioNames()) {
			Scenario scenario = results.scenario(name).orElseThrow();
			List<Results.Request> requests = results.requests()
				.stream()
				.filter((r) -> r.scenario().equals(name))
				.toList();
			long loadStart = orElse(results.event(name, "load-start"),
					requests.stream().mapToLong(Results.Request::startEpochMs).min().orElse(0));
			long loadEnd = orElse(results.event(name, "load-end"),
					requests.stream().mapToLong(Results.Request::endEpochMs).max().orElse(loadStart));
			Long faultStart = results.event(name, "fault-start");
			Long faultEnd = results.event(name, "fault-end");
			List<Long> healthyAt = results.events(name, "backend-healthy");
			List<Level> levels = new ArrayList<>();
			for (String level : scenario.levels(results.levels())) {
				List<Results.Request> feed = requests.stream()
					.filter((r) -> r.level().equals(level) && r.feed())
					.toList();
				List<Results.Request> about = requests.stream()
					.filter((r) -> r.level().equals(level) && !r.feed())
					.filter((r) -> faultStart == null
							|| (r.startEpochMs() >= faultStart && r.startEpochMs() < orElse(faultEnd, loadEnd)))
					.toList();
				List<Results.BreakerSample> samples = results.breakers()
					.stream()
					.filter((sample) -> sample.level().equals(level))
					// Only this scenario's samples: a later scenario's OPEN is not this
					// fault's.
					.filter((sample) -> sample.epochMs() >= loadStart && sample.epochMs() <= loadEnd)
					.sorted(Comparator.comparingLong(Results.BreakerSample::epochMs))
					.toList();
				levels.add(level(scenario, level, feed, about, samples, faultStart, orElse(faultEnd, loadEnd),
						healthyAt, loadEnd - loadStart, budget, patterns));
			}
			figures.add(new ScenarioFigures(scenario, levels, results.backendRequests().get(name), loadStart, loadEnd,
					faultStart, faultEnd));
		}
		return figures;
	}

	private static Level level(Scenario scenario, String level, List<Results.Request> feed, List<Results.Request> about,
			List<Results.BreakerSample> samples, Long faultStart, long faultEnd, List<Long> healthyAt, long loadMs,
			RetryBudget budget, LevelPatterns patterns) {
		int n = feed.size();
		List<Long> latencies = feed.stream().map(Results.Request::latencyMs).toList();
		long live = feed.stream().filter(Results.Request::live).count();
		long cache = feed.stream().filter(Results.Request::cache).count();
		long within = feed.stream().filter(Results.Request::withinDeadline).count();
		boolean hasBreaker = patterns.withBreaker().contains(level);
		TreeMap<Long, String> states = new TreeMap<>();
		samples.forEach((sample) -> states.put(sample.epochMs(), sample.state()));
		long closedCalls = 0;
		long closedRequests = 0;
		long openCalls = 0;
		long openRequests = 0;
		List<Results.Request> inFault = (faultStart != null) ? feed.stream()
			.filter((request) -> request.startEpochMs() >= faultStart && request.startEpochMs() < faultEnd)
			.toList() : List.of();
		long allCalls = 0;
		for (Results.Request request : feed) {
			int calls = (request.backendCalls() != null) ? request.backendCalls() : 0;
			allCalls += calls;
			// Calls per request are an outage figure: counted in the fault window only
			// (all of a healthy scenario).
			if (faultStart != null && (request.startEpochMs() < faultStart || request.startEpochMs() >= faultEnd)) {
				continue;
			}
			Map.Entry<Long, String> state = states.floorEntry(request.startEpochMs());
			if (hasBreaker && state != null && state.getValue().equals("OPEN")) {
				openCalls += calls;
				openRequests++;
			}
			else {
				closedCalls += calls;
				closedRequests++;
			}
		}
		Long timeToOpen = null;
		if (hasBreaker && faultStart != null) {
			timeToOpen = samples.stream()
				.filter((sample) -> sample.epochMs() >= faultStart && sample.state().equals("OPEN"))
				.map((sample) -> sample.epochMs() - faultStart)
				.findFirst()
				.orElse(null);
		}
		List<Long> recoveries = Statistics.recoveryTimes(healthyAt,
				feed.stream().filter(Results.Request::live).map(Results.Request::endEpochMs).toList(), Long.MAX_VALUE);
		List<Long> aboutLatencies = about.stream().map(Results.Request::latencyMs).toList();
		double seconds = (scenario.load() == Scenario.Load.THROUGHPUT) ? scenario.totalSeconds() / 2.0
				: loadMs / 1000.0;
		return new Level(level, n, Statistics.share(within, n), Statistics.share(live, n), Statistics.share(cache, n),
				Statistics.share(n - live - cache, n), Statistics.percentile(latencies, 50),
				Statistics.percentile(latencies, 99), latencies.stream().max(Long::compare).orElse(null),
				(closedRequests > 0) ? (double) closedCalls / closedRequests : null,
				patterns.withRetry().contains(level) ? budget.limit(closedRequests) : null,
				(openRequests > 0) ? (double) openCalls / openRequests : null, timeToOpen,
				Statistics.percentile(recoveries, 50), recoveries.stream().max(Long::compare).orElse(null),
				Statistics.percentile(aboutLatencies, 50), Statistics.percentile(aboutLatencies, 99), allCalls,
				(seconds > 0) ? n / seconds : 0,
				(faultStart != null) ? Statistics
					.share(inFault.stream().filter(Results.Request::withinDeadline).count(), inFault.size()) : null,
				(faultStart != null)
						? Statistics.percentile(inFault.stream().map(Results.Request::latencyMs).toList(), 99) : null);
	}

	private static long orElse(Long value, long fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * What one level did in one scenario.
	 *
	 * @param level the level
	 * @param requests feed requests sent
	 * @param withinDeadline share answered with data (live or cache, status 200) within
	 * the deadline the run read from the UI
	 * @param live share answered live
	 * @param cache share answered from the cache
	 * @param failed share answered without data, with an error, or not at all
	 * @param p50 median latency (ms), all feed requests
	 * @param p99 99th percentile latency (ms)
	 * @param max slowest (ms)
	 * @param callsPerRequestClosed backend calls per feed request while the breaker was
	 * not open (all requests at levels without a breaker), or {@code null} without
	 * requests
	 * @param budgetLimitClosed the most calls per request the level's retry budget allows
	 * over those requests ({@link RetryBudget#limit}), or {@code null} at a level without
	 * a retry or when the run did not record the budget
	 * @param callsPerRequestOpen backend calls per feed request while the breaker was
	 * open, or {@code null}
	 * @param timeToOpenMs fault start to the breaker's first OPEN sample, or {@code null}
	 * @param recoveryMedianMs backend healthy again to the first live answer (median over
	 * the times it recovered)
	 * @param recoveryMaxMs the same, the longest
	 * @param aboutP50 {@code /about} median latency during the fault window (the whole
	 * run without a fault)
	 * @param aboutP99 {@code /about} 99th percentile during the same window
	 * @param backendCalls the sum of the feed's {@code backendCalls}
	 * @param perSecond feed requests answered per second of load
	 * @param faultWithinDeadline the within-deadline share of the feed requests sent in
	 * the fault window, or {@code null} without a fault
	 * @param faultP99 the 99th percentile latency (ms) of those requests, or {@code null}
	 * without a fault
	 */
	record Level(String level, int requests, double withinDeadline, double live, double cache, double failed, Long p50,
			Long p99, Long max, Double callsPerRequestClosed, Double budgetLimitClosed, Double callsPerRequestOpen,
			Long timeToOpenMs, Long recoveryMedianMs, Long recoveryMaxMs, Long aboutP50, Long aboutP99,
			long backendCalls, double perSecond, Double faultWithinDeadline, Long faultP99) {
	}

	/**
	 * One scenario.
	 *
	 * @param scenario the scenario as run
	 * @param levels one entry per loaded level, in level order
	 * @param backendCounted the backend's own count of message API requests during the
	 * load
	 * @param loadStart when the load started
	 * @param loadEnd when the load ended
	 * @param faultStart when the fault started, or {@code null}
	 * @param faultEnd when it ended, or {@code null}
	 */
	record ScenarioFigures(Scenario scenario, List<Level> levels, Long backendCounted, long loadStart, long loadEnd,
			Long faultStart, Long faultEnd) {

		Level level(String name) {
			return this.levels.stream().filter((level) -> level.level().equals(name)).findFirst().orElse(null);
		}

		long feedBackendCalls() {
			return this.levels.stream().mapToLong(Level::backendCalls).sum();
		}

	}

	/**
	 * What a durable write costs: the durability measurement's settings side by side.
	 *
	 * @param settings each {@code WRITE_DELAY} measured, lowest first (the shipped
	 * setting, then H2's default)
	 * @param writers how many writers looped
	 * @param roundSeconds the mean length of a measured round
	 * @param warmUpSeconds the mean length of a backend's warm-up
	 * @param throughputRatio the lowest setting's writes per second divided by the
	 * highest's, or {@code null} without two settings
	 * @param p50Ratio the lowest setting's median latency per write divided by the
	 * highest's, or {@code null}
	 * @param p99Ratio the same for the 99th percentile, or {@code null}
	 */
	record Durability(List<WriteSetting> settings, int writers, double roundSeconds, double warmUpSeconds,
			Double throughputRatio, Double p50Ratio, Double p99Ratio) {
	}

	/**
	 * One {@code WRITE_DELAY} setting, over its measured rounds.
	 *
	 * @param writeDelayMs the H2 {@code WRITE_DELAY}
	 * @param rounds its measured rounds
	 * @param writes its writes answered 201
	 * @param failed its writes answered otherwise, or not at all
	 * @param writesPerSecond writes answered 201 per second of its rounds
	 * @param slowestRoundPerSecond the same in its slowest round, or {@code null}
	 * @param fastestRoundPerSecond the same in its fastest round, or {@code null}
	 * @param p50Us median latency of a write answered 201, in microseconds
	 * @param p99Us its 99th percentile
	 * @param maxUs its slowest
	 */
	record WriteSetting(int writeDelayMs, int rounds, long writes, long failed, double writesPerSecond,
			Double slowestRoundPerSecond, Double fastestRoundPerSecond, Long p50Us, Long p99Us, Long maxUs) {
	}

	/**
	 * One service's startup and memory, over its runs.
	 *
	 * @param service {@code bare}, {@code backend} or {@code ui}
	 * @param runs how many times it was started
	 * @param startupMs median launch to first healthy answer
	 * @param springStartedSeconds median of Spring's own "Started ... in X seconds", or
	 * {@code null}
	 * @param rssMb median resident memory after the warm-up, or {@code null}
	 * @param startupRatio startup divided by the bare app's, or {@code null}
	 * @param rssRatio memory divided by the bare app's, or {@code null}
	 */
	record Startup(String service, int runs, Long startupMs, Double springStartedSeconds, Double rssMb,
			Double startupRatio, Double rssRatio) {
	}

	/**
	 * What the UI's retry budget promises, as the run read it from a UI's health: over
	 * any stretch of {@code n} calls at one level, retries add at most {@code ratio × n}
	 * plus the {@code capacity} saved up before.
	 *
	 * @param ratio tokens a call earns, or {@code null} when the run did not record it
	 * @param capacity the most tokens a bucket holds, or {@code null}
	 */
	record RetryBudget(Double ratio, Double capacity) {

		static RetryBudget of(Properties run) {
			ServiceSettings settings = ServiceSettings.of(run);
			return new RetryBudget(settings.retryBudgetRatio(), settings.retryBudgetCapacity());
		}

		/**
		 * The most backend calls per request over {@code requests} requests: one each,
		 * plus the ratio, plus the burst spread over them; {@code null} when unknown.
		 */
		Double limit(long requests) {
			if (this.ratio == null || this.capacity == null || requests == 0) {
				return null;
			}
			return 1 + this.ratio + this.capacity / requests;
		}

	}

	/**
	 * Which levels have a breaker and which a retry, as the run read them from its UIs; a
	 * run that did not record them tells by its raw data: the levels whose breaker it
	 * sampled, and those whose answers counted more than one backend call.
	 *
	 * @param withBreaker the levels with a circuit breaker
	 * @param withRetry the levels with a retry
	 */
	record LevelPatterns(List<String> withBreaker, List<String> withRetry) {

		static LevelPatterns of(Results results) {
			ServiceSettings settings = ServiceSettings.of(results.run());
			List<String> breaker = (settings.levelsWithBreaker() != null) ? settings.levelsWithBreaker()
					: results.breakers().stream().map(Results.BreakerSample::level).distinct().toList();
			List<String> retry = (settings.levelsWithRetry() != null) ? settings.levelsWithRetry()
					: results.requests()
						.stream()
						.filter((request) -> request.backendCalls() != null && request.backendCalls() > 1)
						.map(Results.Request::level)
						.distinct()
						.toList();
			return new LevelPatterns(breaker, retry);
		}

	}

}
