package dev.faultline.benchmarks.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The few statistics the report uses, kept apart so that they can be tested on their own.
 */
final class Statistics {

	private Statistics() {
	}

	/**
	 * The nearest-rank percentile: the smallest value such that at least {@code percent}%
	 * of the values are at most it; {@code null} for no values.
	 */
	static Long percentile(Collection<Long> values, double percent) {
		if (values.isEmpty()) {
			return null;
		}
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
	}

	/** {@code part / total}, 0 when there is nothing. */
	static double share(long part, long total) {
		return (total == 0) ? 0 : (double) part / total;
	}

	/** {@code count} per second of {@code millis}, 0 when no time passed. */
	static double perSecond(long count, long millis) {
		return (millis <= 0) ? 0 : count * 1000.0 / millis;
	}

	/**
	 * For each moment the backend became healthy again, the time until the first live
	 * answer that arrived after it and before the next such moment (or {@code end});
	 * moments without a live answer in their window are left out.
	 * @param healthyAt when the backend was healthy again, in time order
	 * @param liveAnswersAt when live answers arrived, in any order
	 * @param end the end of the last window
	 */
	static List<Long> recoveryTimes(List<Long> healthyAt, List<Long> liveAnswersAt, long end) {
		List<Long> sorted = new ArrayList<>(liveAnswersAt);
		Collections.sort(sorted);
		List<Long> recoveries = new ArrayList<>();
		for (int i = 0; i < healthyAt.size(); i++) {
			long from = healthyAt.get(i);
			long until = (i + 1 < healthyAt.size()) ? healthyAt.get(i + 1) : end;
			sorted.stream()
				.filter((at) -> at >= from && at < until)
				.findFirst()
				.ifPresent((at) -> recoveries.add(at - from));
		}
		return recoveries;
	}

}
