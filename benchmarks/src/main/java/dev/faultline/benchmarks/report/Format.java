package dev.faultline.benchmarks.report;

import java.util.Locale;

/**
 * How the report writes shares, durations and ratios: one place, so every table reads the
 * same.
 */
final class Format {

	private Format() {
	}

	static String pct(double share) {
		return String.format(Locale.ROOT, "%.1f%%", share * 100);
	}

	static String ms(Long millis) {
		if (millis == null) {
			return "–";
		}
		return (millis < 1000) ? millis + " ms" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
	}

	/** A latency measured in microseconds, in milliseconds with enough decimals. */
	static String micros(Long micros) {
		if (micros == null) {
			return "–";
		}
		if (micros >= 1_000_000) {
			return ms(micros / 1000);
		}
		return String.format(Locale.ROOT, (micros < 10_000) ? "%.2f ms" : "%.1f ms", micros / 1000.0);
	}

	/** A row of a Markdown table: each cell as text, between pipes. */
	static String row(Object... cells) {
		StringBuilder row = new StringBuilder("|");
		for (Object cell : cells) {
			row.append(' ').append(cell).append(" |");
		}
		return row.append('\n').toString();
	}

	static String decimal(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.2f", value) : "–";
	}

	static Double ratioValue(Long a, Long b) {
		return (a == null || b == null || b == 0) ? null : (double) a / b;
	}

	static String ratio(Long a, Long b) {
		Double ratio = ratioValue(a, b);
		return (ratio != null) ? String.format(Locale.ROOT, "%.2f", ratio) : "–";
	}

}
