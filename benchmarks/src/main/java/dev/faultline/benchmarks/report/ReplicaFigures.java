package dev.faultline.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.faultline.benchmarks.Levels;
import dev.faultline.benchmarks.ReplicaScenario;

/**
 * The figures of the replica scenarios, computed from their raw data: per scenario and
 * level, the reads of the fault window (the whole load without a fault) against the same
 * level's healthy reads, and for the full UI how long the broken replica took to leave
 * the rotation and to come back.
 */
final class ReplicaFigures {

	/** The healthy baseline whose p99 every other scenario's is divided by. */
	static final String HEALTHY = ReplicaScenario.PREFIX + "healthy";

	private ReplicaFigures() {
	}

	/** Every scenario of the run, in run order. */
	static List<ScenarioFigures> compute(ReplicaResults results) {
		Long deadlineMs = results.deadlineMs();
		Map<String, Long> healthyP99 = new LinkedHashMap<>();
		List<ScenarioFigures> figures = new ArrayList<>();
		List<String> names = new ArrayList<>(results.scenarioNames());
		// The baseline first, so that every scenario finds its p99; reported in run
		// order.
		names.sort((a, b) -> Boolean.compare(!a.equals(HEALTHY), !b.equals(HEALTHY)));
		for (String name : names) {
			ReplicaScenario scenario = results.scenario(name).orElseThrow();
			List<ReplicaResults.Read> reads = results.reads()
				.stream()
				.filter((read) -> read.request().scenario().equals(name) && read.request().feed())
				.toList();
			long loadStart = orElse(results.event(name, "load-start"),
					reads.stream().mapToLong((read) -> read.request().startEpochMs()).min().orElse(0));
			long loadEnd = orElse(results.event(name, "load-end"),
					reads.stream().mapToLong((read) -> read.request().endEpochMs()).max().orElse(loadStart));
			Long faultStart = results.event(name, "fault-start");
			Long faultEnd = results.event(name, "fault-end");
			long windowStart = (faultStart != null) ? faultStart : loadStart;
			long windowEnd = (faultStart != null) ? orElse(faultEnd, loadEnd) : loadEnd;
			Rotation rotation = rotation(results, scenario, faultStart, faultEnd, loadEnd);
			List<Level> levels = new ArrayList<>();
			for (String level : ReplicaScenario.LEVELS) {
				List<ReplicaResults.Read> ofLevel = reads.stream()
					.filter((read) -> read.request().level().equals(level))
					.toList();
				List<ReplicaResults.Read> window = ofLevel.stream()
					.filter((read) -> read.request().startEpochMs() >= windowStart
							&& read.request().startEpochMs() < windowEnd)
					.toList();
				List<ReplicaResults.Read> before = ofLevel.stream()
					.filter((read) -> read.request().startEpochMs() < windowStart || faultStart == null)
					.toList();
				Long p99 = Statistics.percentile(latencies(window), 99);
				if (name.equals(HEALTHY)) {
					healthyP99.put(level, p99);
				}
				Long reference = healthyP99.get(level);
				boolean full = level.equals(Levels.FULL);
				levels.add(new Level(level, window.size(), share(window, (read) -> liveWithin(read, deadlineMs)),
						share(window, (read) -> read.request().live()), share(window, (read) -> read.request().cache()),
						share(window, (read) -> !read.request().live() && !read.request().cache()),
						Statistics.percentile(latencies(window), 50), p99, reference, Format.ratioValue(p99, reference),
						callsPerRead(before), callsPerRead(window),
						(scenario.target() == ReplicaScenario.Target.ONE_REPLICA) ? share(window,
								(read) -> read.request().live() && results.brokenReplica().equals(read.replica()))
								: null,
						full ? rotation.outMs() : null, full ? rotation.backMs() : null,
						full ? breakerOpen(results, faultStart, loadEnd) : null));
			}
			figures.add(new ScenarioFigures(scenario, levels, loadStart, loadEnd, faultStart, faultEnd, deadlineMs));
		}
		List<String> order = results.scenarioNames();
		figures.sort((a, b) -> Integer.compare(order.indexOf(a.scenario().name()), order.indexOf(b.scenario().name())));
		return figures;
	}

	/**
	 * How long the replicas the fault hits took to leave the rotation (the first sample
	 * after the fault started in which one of them was not in rotation) and to come back
	 * (the first sample after the fault ended in which all of them were); both
	 * {@code null} when none left it.
	 */
	static Rotation rotation(ReplicaResults results, ReplicaScenario scenario, Long faultStart, Long faultEnd,
			long loadEnd) {
		if (faultStart == null) {
			return new Rotation(null, null);
		}
		List<String> hit = (scenario.target() == ReplicaScenario.Target.ONE_REPLICA) ? List.of(results.brokenReplica())
				: results.replicas();
		// One poll writes a row per replica, all with the poll's time.
		TreeMap<Long, Map<String, Boolean>> polls = new TreeMap<>();
		results.rotation()
			.stream()
			.filter((sample) -> sample.epochMs() >= faultStart && sample.epochMs() <= loadEnd)
			.filter((sample) -> hit.contains(sample.replica()))
			.forEach((sample) -> polls.computeIfAbsent(sample.epochMs(), (k) -> new LinkedHashMap<>())
				.put(sample.replica(), sample.inRotation()));
		Long out = polls.entrySet()
			.stream()
			.filter((poll) -> poll.getValue().containsValue(false))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
		if (out == null) {
			return new Rotation(null, null);
		}
		long healed = orElse(faultEnd, loadEnd);
		Long back = polls.tailMap(Math.max(healed, out), true)
			.entrySet()
			.stream()
			.filter((poll) -> poll.getValue().size() == hit.size() && !poll.getValue().containsValue(false))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
		return new Rotation(out - faultStart, (back != null) ? back - healed : null);
	}

	private static Long breakerOpen(ReplicaResults results, Long faultStart, long loadEnd) {
		if (faultStart == null) {
			return null;
		}
		return results.breakers()
			.stream()
			.filter((sample) -> sample.level().equals(Levels.FULL) && sample.epochMs() >= faultStart
					&& sample.epochMs() <= loadEnd && sample.state().equals("OPEN"))
			.map((sample) -> sample.epochMs() - faultStart)
			.min(Long::compare)
			.orElse(null);
	}

	/** A live answer (HTTP 200, source live) within the deadline. */
	static boolean liveWithin(ReplicaResults.Read read, Long deadlineMs) {
		// A run that did not record the deadline judged each read as it recorded it.
		return read.request().live()
				&& ((deadlineMs != null) ? read.request().latencyMs() <= deadlineMs : read.request().withinDeadline());
	}

	/** Backend calls per read, the reads that do not say counted as one call. */
	static Double callsPerRead(List<ReplicaResults.Read> reads) {
		if (reads.isEmpty()) {
			return null;
		}
		long sum = reads.stream()
			.map((read) -> read.request().backendCalls())
			.mapToLong((calls) -> Objects.requireNonNullElse(calls, 1))
			.sum();
		return (double) sum / reads.size();
	}

	private static double share(List<ReplicaResults.Read> reads, Predicate<ReplicaResults.Read> which) {
		return Statistics.share(reads.stream().filter(which).count(), reads.size());
	}

	private static List<Long> latencies(List<ReplicaResults.Read> reads) {
		return reads.stream().map((read) -> read.request().latencyMs()).toList();
	}

	private static long orElse(Long value, long fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * Out of rotation and back again.
	 *
	 * @param outMs fault start to the first sample with a hit replica out of rotation, or
	 * {@code null} when none left it
	 * @param backMs fault end to the first sample with every hit replica in rotation
	 * again, or {@code null}
	 */
	record Rotation(Long outMs, Long backMs) {
	}

	/**
	 * What one level did in one replica scenario.
	 *
	 * @param level {@code full} or {@code none}
	 * @param reads feed reads sent in the fault window (the whole load without a fault)
	 * @param liveWithinDeadline share of them answered live within the deadline
	 * @param live share answered live
	 * @param cache share answered from the cache
	 * @param failed share answered without data, with an error, or not at all
	 * @param p50 median latency (ms) of those reads
	 * @param p99 99th percentile latency (ms)
	 * @param healthyP99 the same level's p99 with three healthy replicas, or {@code null}
	 * when the run has no healthy baseline
	 * @param p99OverHealthy {@code p99 / healthyP99}, or {@code null}
	 * @param callsHealthy backend calls per read before the fault (the whole load without
	 * a fault)
	 * @param callsFaulted backend calls per read in the fault window
	 * @param fromBroken share of the window's reads answered live by the broken replica;
	 * {@code null} unless one replica is broken
	 * @param outOfRotationMs fault start to the broken replica out of the full UI's
	 * rotation; {@code null} at level none or when it never left
	 * @param backInRotationMs fault end to it back in rotation, or {@code null}
	 * @param breakerOpenMs fault start to the full UI's breaker OPEN, or {@code null}
	 */
	record Level(String level, int reads, double liveWithinDeadline, double live, double cache, double failed, Long p50,
			Long p99, Long healthyP99, Double p99OverHealthy, Double callsHealthy, Double callsFaulted,
			Double fromBroken, Long outOfRotationMs, Long backInRotationMs, Long breakerOpenMs) {
	}

	/**
	 * One replica scenario.
	 *
	 * @param scenario the scenario as run
	 * @param levels {@code none}, then {@code full}
	 * @param loadStart when the load started
	 * @param loadEnd when it ended
	 * @param faultStart when the fault started, or {@code null}
	 * @param faultEnd when it ended, or {@code null}
	 * @param deadlineMs the deadline "live within the deadline" was judged by, as the run
	 * recorded it, or {@code null} when it did not
	 */
	record ScenarioFigures(ReplicaScenario scenario, List<Level> levels, long loadStart, long loadEnd, Long faultStart,
			Long faultEnd, Long deadlineMs) {

		Level level(String name) {
			return this.levels.stream().filter((level) -> level.level().equals(name)).findFirst().orElse(null);
		}

	}

}
