package dev.faultline.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.faultline.benchmarks.Levels;
import dev.faultline.benchmarks.Scenario;
import dev.faultline.benchmarks.run.FeedSimulation;

/**
 * The prose of a scenario's section in the report: what the scenario did, and a few
 * sentences derived from its numbers. The tables around it are {@link MarkdownReport}'s.
 */
final class ScenarioProse {

	private ScenarioProse() {
	}

	/**
	 * What the scenario did: its fault and its load, in one or two sentences.
	 * @param scenario the scenario as run
	 * @return the sentences
	 */
	static String describe(Scenario scenario) {
		return switch (scenario.fault()) {
			case NONE -> switch (scenario.load()) {
				case STANDARD -> "No fault: " + scenario.totalSeconds() + " s of the standard load on every UI.";
				case FAIRNESS -> "No fault: only the `full` and `none` UIs, 20 feed users/s each for "
						+ scenario.totalSeconds() + " s.";
				case THROUGHPUT ->
					"No fault: closed model, 4 users each sending the next request as soon as the last is answered, "
							+ "on the `full` and `none` UIs in " + FeedSimulation.THROUGHPUT_ROUNDS + " rounds of "
							+ scenario.totalSeconds() / FeedSimulation.THROUGHPUT_ROUNDS
							+ " s in the order full, none, none, full (so a drift in the machine's speed favours neither).";
			};
			case CHAOS -> "Chaos API `PUT /chaos/" + scenario.chaos() + "`: " + scenario.healthySeconds()
					+ " s healthy, " + scenario.faultSeconds() + " s fault, " + scenario.recoverySeconds()
					+ " s recovery (fault cleared).";
			case SIGSTOP -> "`kill -STOP` on the backend process for " + scenario.faultSeconds()
					+ " s, then `kill -CONT`; " + scenario.healthySeconds() + " s healthy before, "
					+ scenario.recoverySeconds() + " s of recovery planned after.";
			case KILL ->
				"`kill -9` on the backend, restarted at once on the same ports and data; \"healthy again\" is its first 200 "
						+ "on a direct `GET /api/messages`. The load lasts " + scenario.totalSeconds() + " s in all.";
		};
	}

	/**
	 * What the scenario's numbers say: level full against none, the best level, when the
	 * breakers opened, how soon the levels answered live again, and the cascade.
	 * @param figures the scenario's figures
	 * @return the sentences, empty when there is nothing to compare
	 */
	static String summary(Figures.ScenarioFigures figures) {
		List<String> sentences = new ArrayList<>();
		Figures.Level full = figures.level(Levels.FULL);
		Figures.Level none = figures.level(Levels.NONE);
		if (full != null && none != null) {
			sentences.add(String.format(Locale.ROOT,
					"At level full %s of answers came with data within the deadline (%s live, %s from the cache); level none answered %s within it.",
					Format.pct(full.withinDeadline()), Format.pct(full.live()), Format.pct(full.cache()),
					Format.pct(none.withinDeadline())));
			sentences.add(String.format(Locale.ROOT, "p99 latency: %s at full, %s at none.", Format.ms(full.p99()),
					Format.ms(none.p99())));
		}
		if (figures.levels().size() > 2) {
			double best = figures.levels().stream().mapToDouble(Figures.Level::withinDeadline).max().orElse(0);
			List<String> bestLevels = figures.levels()
				.stream()
				.filter((level) -> Format.pct(level.withinDeadline()).equals(Format.pct(best)))
				.map(Figures.Level::level)
				.toList();
			sentences.add(String.format(Locale.ROOT, "The most answers within the deadline (%s) came from level%s %s.",
					Format.pct(best), (bestLevels.size() > 1) ? "s" : "", String.join(", ", bestLevels)));
		}
		List<String> opened = figures.levels()
			.stream()
			.filter((level) -> level.timeToOpenMs() != null)
			.map((level) -> level.level() + " " + Format.ms(level.timeToOpenMs()))
			.toList();
		if (!opened.isEmpty()) {
			sentences.add("The breakers opened this long after the fault started: " + String.join(", ", opened) + ".");
		}
		if (full != null && none != null && (full.recoveryMedianMs() != null || none.recoveryMedianMs() != null)) {
			sentences.add(String.format(Locale.ROOT,
					"Once the backend was healthy again, level full answered live after %s, level none after %s.",
					Format.ms(full.recoveryMedianMs()), Format.ms(none.recoveryMedianMs())));
		}
		if (none != null && none.aboutP99() != null && full != null && full.aboutP99() != null
				&& figures.faultStart() != null) {
			sentences.add(String.format(Locale.ROOT,
					"During the fault the static /about page took %s (p99) on the none UI and %s on the full UI.",
					Format.ms(none.aboutP99()), Format.ms(full.aboutP99())));
		}
		return String.join(" ", sentences);
	}

}
