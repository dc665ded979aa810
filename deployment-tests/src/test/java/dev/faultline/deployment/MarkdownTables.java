package dev.faultline.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the tables of a Markdown file as GitHub reads them (GFM) and says what is wrong
 * with each: a header row and a delimiter row of different widths (GitHub then shows no
 * table at all, only pipes), a body row with more or fewer cells than the header, or a
 * pipe inside a code span, which splits the cell on GitHub unless written {@code \|}.
 * Rows in fenced code blocks are not tables.
 */
final class MarkdownTables {

	private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

	private static final Pattern DELIMITER_CELL = Pattern.compile(":?-+:?");

	private MarkdownTables() {
	}

	/**
	 * What is wrong with the tables in the text, one line each, empty when nothing is.
	 */
	static List<String> problems(String markdown) {
		List<String> problems = new ArrayList<>();
		String[] lines = markdown.split("\r?\n", -1);
		String fence = null;
		int i = 0;
		while (i < lines.length) {
			String line = lines[i];
			Matcher opening = FENCE.matcher(line);
			if (opening.find()) {
				String run = opening.group(1);
				if (fence == null) {
					fence = run;
				}
				else if (run.charAt(0) == fence.charAt(0) && run.length() >= fence.length()
						&& line.substring(opening.end()).isBlank()) {
					fence = null;
				}
				i++;
				continue;
			}
			if (fence == null && i + 1 < lines.length && hasPipe(line) && isDelimiterRow(lines[i + 1])) {
				i = checkTable(lines, i, problems);
				continue;
			}
			i++;
		}
		return problems;
	}

	/** The cells of a row, split at every pipe that is not escaped. */
	static List<String> cells(String row) {
		String text = row.strip();
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				cell.append(c).append(text.charAt(++i));
			}
			else if (c == '|') {
				cells.add(cell.toString().strip());
				cell.setLength(0);
			}
			else {
				cell.append(c);
			}
		}
		cells.add(cell.toString().strip());
		// A leading and a trailing pipe open and close the row; they separate no cells.
		if (text.startsWith("|")) {
			cells.remove(0);
		}
		if (text.length() > 1 && text.endsWith("|") && !text.endsWith("\\|")) {
			cells.remove(cells.size() - 1);
		}
		return cells;
	}

	private static int checkTable(String[] lines, int header, List<String> problems) {
		int width = cells(lines[header]).size();
		int delimiter = cells(lines[header + 1]).size();
		if (delimiter != width) {
			problems.add("line " + (header + 1) + ": header row has " + width + " cells, delimiter row " + delimiter
					+ ": GitHub shows no table");
		}
		codeSpanPipe(lines[header], header, problems);
		int row = header + 2;
		while (row < lines.length && !lines[row].isBlank() && hasPipe(lines[row])) {
			int count = cells(lines[row]).size();
			if (count != width) {
				problems.add("line " + (row + 1) + ": " + count + " cells in a table of " + width);
			}
			codeSpanPipe(lines[row], row, problems);
			row++;
		}
		return row;
	}

	/** GitHub splits a row before it reads code spans: a pipe in one must be escaped. */
	private static void codeSpanPipe(String line, int index, List<String> problems) {
		int i = 0;
		while (i < line.length()) {
			if (line.charAt(i) == '\\') {
				i += 2;
				continue;
			}
			if (line.charAt(i) != '`') {
				i++;
				continue;
			}
			int run = i;
			while (run < line.length() && line.charAt(run) == '`') {
				run++;
			}
			String ticks = line.substring(i, run);
			int close = line.indexOf(ticks, run);
			if (close < 0) {
				return;
			}
			String code = line.substring(run, close);
			if (code.matches("(?s).*(?<!\\\\)\\|.*")) {
				problems.add("line " + (index + 1) + ": a | inside the code span " + ticks + code + ticks
						+ " splits the cell on GitHub: write \\|");
			}
			i = close + ticks.length();
		}
	}

	private static boolean hasPipe(String line) {
		return line.matches(".*(?<!\\\\)\\|.*");
	}

	private static boolean isDelimiterRow(String line) {
		if (!line.contains("|") || !line.contains("-")) {
			return false;
		}
		return cells(line).stream().allMatch((cell) -> DELIMITER_CELL.matcher(cell).matches());
	}

}
