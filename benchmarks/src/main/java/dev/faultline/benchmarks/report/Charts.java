package dev.faultline.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.faultline.benchmarks.ServiceSettings;

/**
 * The report's charts as plain SVG: latency over time (per-second median and max per
 * level, log scale, the fault window shaded, the deadline drawn) and answers by outcome
 * (live / cache / failed stacked per level), and for the replica scenarios each replica's
 * rotation over time.
 */
final class Charts {

	static final Map<String, String> COLOURS = Map.of("none", "#d62728", "timeout", "#ff7f0e", "retry", "#8c564b",
			"circuit-breaker", "#1f77b4", "fallback", "#9467bd", "full", "#2ca02c");

	private static final int WIDTH = 820;

	private static final int LEFT = 70;

	private static final int RIGHT = 150;

	private static final int TOP = 40;

	private static final double MIN_MS = 1;

	private static final double MAX_MS = 30_000;

	private Charts() {
	}

	/**
	 * Latency over time for one scenario.
	 * @param title the chart's title
	 * @param requests the scenario's feed requests
	 * @param levels the levels to draw, in order
	 * @param loadStart time zero
	 * @param loadEnd the end of the x axis
	 * @param faultStart the shaded window's start, or {@code null}
	 * @param faultEnd its end, or {@code null}
	 */
	static String latencyOverTime(String title, List<Results.Request> requests, List<String> levels, long loadStart,
			long loadEnd, Long faultStart, Long faultEnd, Long deadlineMs) {
		int height = 360;
		int plotWidth = WIDTH - LEFT - RIGHT;
		int plotHeight = height - TOP - 50;
		double seconds = Math.max(1, (loadEnd - loadStart) / 1000.0);
		StringBuilder svg = header(title, WIDTH, height);
		if (faultStart != null) {
			double x0 = LEFT + plotWidth * Math.max(0, (faultStart - loadStart) / 1000.0) / seconds;
			double x1 = LEFT + plotWidth
					* Math.min(seconds, (((faultEnd != null) ? faultEnd : loadEnd) - loadStart) / 1000.0) / seconds;
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f4cccc\" opacity=\"0.6\"/>%n", x0,
					TOP, Math.max(1, x1 - x0), plotHeight));
			svg.append(text(x0 + 4, TOP + plotHeight - 6, "fault", "start", "#a33"));
		}
		for (double tick = MIN_MS; tick <= MAX_MS; tick *= 10) {
			double y = yLog(tick, plotHeight);
			svg.append(line(LEFT, y, LEFT + plotWidth, y, "#ddd", ""));
			svg.append(text(LEFT - 6, y + 4, (tick >= 1000) ? (int) (tick / 1000) + " s" : (int) tick + " ms", "end",
					"#333"));
		}
		if (deadlineMs != null) {
			double deadline = yLog(deadlineMs, plotHeight);
			svg.append(line(LEFT, deadline, LEFT + plotWidth, deadline, "#000", "6,4"));
			svg.append(text(LEFT + plotWidth - 4, deadline - 4, ServiceSettings.seconds(deadlineMs) + " deadline",
					"end", "#000"));
		}
		int step = (seconds > 30) ? 10 : 5;
		for (int s = 0; s <= seconds; s += step) {
			double x = LEFT + plotWidth * s / seconds;
			svg.append(line(x, TOP + plotHeight, x, TOP + plotHeight + 5, "#333", ""));
			svg.append(text(x, TOP + plotHeight + 18, s + " s", "middle", "#333"));
		}
		svg.append(line(LEFT, TOP, LEFT, TOP + plotHeight, "#333", ""));
		svg.append(line(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight, "#333", ""));
		svg.append(text(LEFT + plotWidth / 2.0, height - 8, "time since the load started (request sent)", "middle",
				"#333"));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">latency (log scale)</text>%n",
				TOP + plotHeight / 2, TOP + plotHeight / 2));
		int legendY = TOP;
		for (String level : levels) {
			TreeMap<Long, List<Long>> bySecond = new TreeMap<>();
			requests.stream()
				.filter((request) -> request.level().equals(level))
				.forEach((request) -> bySecond
					.computeIfAbsent((request.startEpochMs() - loadStart) / 1000, (k) -> new ArrayList<>())
					.add(request.latencyMs()));
			StringBuilder median = new StringBuilder();
			StringBuilder max = new StringBuilder();
			bySecond.forEach((second, latencies) -> {
				double x = LEFT + plotWidth * (second + 0.5) / seconds;
				median.append(String.format(Locale.ROOT, "%.1f,%.1f ", x,
						yLog(Statistics.percentile(latencies, 50), plotHeight)));
				max.append(String.format(Locale.ROOT, "%.1f,%.1f ", x,
						yLog(Statistics.percentile(latencies, 100), plotHeight)));
			});
			String colour = COLOURS.getOrDefault(level, "#555");
			svg.append(String.format(Locale.ROOT,
					"<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
					median.toString().trim(), colour));
			svg.append(String.format(Locale.ROOT,
					"<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1\" stroke-dasharray=\"3,3\"/>%n",
					max.toString().trim(), colour));
			svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>%n",
					LEFT + plotWidth + 12, legendY + 4, colour));
			svg.append(text(LEFT + plotWidth + 32, legendY + 10, level, "start", "#333"));
			legendY += 18;
		}
		svg.append(text(LEFT + plotWidth + 12, legendY + 14, "solid: median/s", "start", "#555"));
		svg.append(text(LEFT + plotWidth + 12, legendY + 30, "dashed: max/s", "start", "#555"));
		return svg.append("</svg>\n").toString();
	}

	/** Answers by outcome: one stacked horizontal bar per level. */
	static String outcomes(String title, List<Figures.Level> levels) {
		return outcomeBars(title,
				levels.stream()
					.map((level) -> new OutcomeBar(level.level(), level.live(), level.cache(), level.failed()))
					.toList());
	}

	/** Answers by outcome: one stacked horizontal bar per labelled row. */
	static String outcomeBars(String title, List<OutcomeBar> levels) {
		int barHeight = 22;
		int height = TOP + levels.size() * (barHeight + 10) + 60;
		int plotWidth = WIDTH - LEFT - 90 - RIGHT;
		int left = LEFT + 90;
		StringBuilder svg = header(title, WIDTH, height);
		int y = TOP;
		String[][] parts = { { "live", "#2ca02c" }, { "cache", "#ffbf00" }, { "failed", "#d62728" } };
		for (OutcomeBar level : levels) {
			double[] shares = { level.live(), level.cache(), level.failed() };
			double x = left;
			for (int i = 0; i < shares.length; i++) {
				double w = plotWidth * shares[i];
				if (w > 0) {
					svg.append(String.format(Locale.ROOT,
							"<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s %.0f%%</title></rect>%n",
							x, y, w, barHeight, parts[i][1], level.label(), parts[i][0], shares[i] * 100));
					if (w > 34) {
						svg.append(text(x + w / 2, y + 15, String.format(Locale.ROOT, "%.0f%%", shares[i] * 100),
								"middle", "#000"));
					}
				}
				x += w;
			}
			svg.append(text(left - 8, y + 15, level.label(), "end", "#333"));
			y += barHeight + 10;
		}
		for (int pct = 0; pct <= 100; pct += 25) {
			double x = left + plotWidth * pct / 100.0;
			svg.append(line(x, y, x, y + 5, "#333", ""));
			svg.append(text(x, y + 18, pct + "%", "middle", "#333"));
		}
		int legendY = TOP;
		for (String[] part : parts) {
			svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
					left + plotWidth + 14, legendY, part[1]));
			svg.append(text(left + plotWidth + 32, legendY + 10, part[0], "start", "#333"));
			legendY += 18;
		}
		return svg.append("</svg>\n").toString();
	}

	/**
	 * Each replica's rotation over time, one lane per replica (in rotation, trial,
	 * ejected), the fault window shaded, as the full UI reported it every 100 ms.
	 * @param title the chart's title
	 * @param lanes each replica's samples in time order, by the lane's label
	 * @param loadStart time zero
	 * @param loadEnd the end of the x axis
	 * @param faultStart the shaded window's start, or {@code null}
	 * @param faultEnd its end, or {@code null}
	 */
	static String rotation(String title, Map<String, List<ReplicaResults.RotationSample>> lanes, long loadStart,
			long loadEnd, Long faultStart, Long faultEnd) {
		int laneHeight = 22;
		int left = LEFT + 90;
		int plotWidth = WIDTH - left - RIGHT;
		int plotHeight = lanes.size() * (laneHeight + 10);
		int height = TOP + plotHeight + 50;
		double seconds = Math.max(1, (loadEnd - loadStart) / 1000.0);
		StringBuilder svg = header(title, WIDTH, height);
		if (faultStart != null) {
			double x0 = left + plotWidth * Math.max(0, (faultStart - loadStart) / 1000.0) / seconds;
			double x1 = left + plotWidth
					* Math.min(seconds, (((faultEnd != null) ? faultEnd : loadEnd) - loadStart) / 1000.0) / seconds;
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f4cccc\" opacity=\"0.6\"/>%n", x0,
					TOP - 6, Math.max(1, x1 - x0), plotHeight + 2));
		}
		Map<String, String> colours = Map.of("in rotation", "#2ca02c", "trial", "#ffbf00", "ejected", "#d62728");
		int y = TOP;
		for (Map.Entry<String, List<ReplicaResults.RotationSample>> lane : lanes.entrySet()) {
			List<ReplicaResults.RotationSample> samples = lane.getValue();
			for (int i = 0; i < samples.size(); i++) {
				ReplicaResults.RotationSample sample = samples.get(i);
				long until = (i + 1 < samples.size()) ? samples.get(i + 1).epochMs() : loadEnd;
				int j = i;
				while (j + 1 < samples.size() && samples.get(j + 1).rotation().equals(sample.rotation())) {
					j++;
					until = (j + 1 < samples.size()) ? samples.get(j + 1).epochMs() : loadEnd;
				}
				double x0 = left + plotWidth * Math.max(0, (sample.epochMs() - loadStart) / 1000.0) / seconds;
				double x1 = left + plotWidth * Math.min(seconds, (until - loadStart) / 1000.0) / seconds;
				if (x1 > x0) {
					svg.append(String.format(Locale.ROOT,
							"<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s</title></rect>%n",
							x0, y, x1 - x0, laneHeight, colours.getOrDefault(sample.rotation(), "#999"),
							escape(lane.getKey()), escape(sample.rotation())));
				}
				i = j;
			}
			svg.append(text(left - 8, y + 15, lane.getKey(), "end", "#333"));
			y += laneHeight + 10;
		}
		int step = (seconds > 30) ? 10 : 5;
		for (int s = 0; s <= seconds; s += step) {
			double x = left + plotWidth * s / seconds;
			svg.append(line(x, y, x, y + 5, "#333", ""));
			svg.append(text(x, y + 18, s + " s", "middle", "#333"));
		}
		svg.append(text(left + plotWidth / 2.0, height - 4, "time since the load started", "middle", "#333"));
		int legendY = TOP;
		for (String state : List.of("in rotation", "trial", "ejected")) {
			svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
					left + plotWidth + 14, legendY, colours.get(state)));
			svg.append(text(left + plotWidth + 32, legendY + 10, state, "start", "#333"));
			legendY += 18;
		}
		return svg.append("</svg>\n").toString();
	}

	private static StringBuilder header(String title, int width, int height) {
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n",
				width, height, width, height));
		svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>%n", width, height));
		svg.append(text(width / 2.0, 22, title, "middle", "#000").replace("font-size=\"12\"", "font-size=\"15\""));
		return svg;
	}

	private static double yLog(double ms, int plotHeight) {
		double clamped = Math.max(MIN_MS, Math.min(MAX_MS, ms));
		double fraction = Math.log10(clamped / MIN_MS) / Math.log10(MAX_MS / MIN_MS);
		return TOP + plotHeight * (1 - fraction);
	}

	private static String line(double x1, double y1, double x2, double y2, String colour, String dash) {
		return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
				x1, y1, x2, y2, colour, dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"");
	}

	private static String text(double x, double y, String content, String anchor, String colour) {
		return String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"12\" fill=\"%s\">%s</text>%n", x, y, anchor,
				colour, escape(content));
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/**
	 * One bar of {@link #outcomeBars}: the shares of answers that were live, from the
	 * cache, and failed.
	 *
	 * @param label the bar's label, such as a level
	 * @param live share answered live
	 * @param cache share answered from the cache
	 * @param failed share answered without data
	 */
	record OutcomeBar(String label, double live, double cache, double failed) {
	}

}
