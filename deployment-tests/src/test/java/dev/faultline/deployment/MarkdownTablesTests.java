package dev.faultline.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Markdown table in the repository renders as a table on GitHub: the header,
 * delimiter and body rows have as many cells as each other ({@link MarkdownTables}). The
 * run-book once lost both its tables to a delimiter row one cell too wide.
 */
class MarkdownTablesTests {

	@Test
	void everyMarkdownTableInTheRepositoryIsWellFormed() throws IOException {
		List<String> problems = new ArrayList<>();
		List<Path> files = markdownFiles();
		for (Path file : files) {
			String name = Repository.file(".").normalize().relativize(file.normalize()).toString();
			MarkdownTables.problems(Files.readString(file)).forEach((problem) -> problems.add(name + " " + problem));
		}
		assertThat(files).as("Markdown files found")
			.extracting((file) -> file.getFileName().toString())
			.contains("README.md", "benchmarks.md");
		assertThat(problems).as("malformed Markdown tables").isEmpty();
	}

	@Test
	void aDelimiterRowWiderThanItsHeaderIsNoTable() {
		assertThat(MarkdownTables.problems("| min | slides | say |\n|---|---|---|---|\n| 0:00 | 1 | hello |\n"))
			.containsExactly("line 1: header row has 3 cells, delimiter row 4: GitHub shows no table");
	}

	@Test
	void aBodyRowWithAnotherNumberOfCellsIsReported() {
		assertThat(MarkdownTables.problems("a | b\n--- | ---\n1 | 2 | 3\n4 | 5\n"))
			.containsExactly("line 3: 3 cells in a table of 2");
	}

	@Test
	void escapedPipesStayInTheirCell() {
		assertThat(MarkdownTables.cells("| a \\| b | c |")).containsExactly("a \\| b", "c");
		assertThat(MarkdownTables.problems("| regex | meaning |\n|:---|---:|\n| `a\\|b` | a or b |\n")).isEmpty();
	}

	@Test
	void aPipeInACodeSpanSplitsTheCellAsOnGitHub() {
		assertThat(MarkdownTables.problems("| regex | meaning |\n|---|---|\n| `a|b` | a or b |\n")).containsExactly(
				"line 3: 3 cells in a table of 2",
				"line 3: a | inside the code span `a|b` splits the cell on GitHub: write \\|");
	}

	@Test
	void rowsInFencedCodeBlocksAreNotTables() {
		assertThat(MarkdownTables.problems("```\n| a | b |\n|---|\n```\n~~~~\n| x |\n|---|---|\n~~~~\n")).isEmpty();
	}

	@Test
	void aTableEndsAtTheFirstBlankLine() {
		assertThat(MarkdownTables.problems("| a | b |\n|---|---|\n| 1 | 2 |\n\nsome | text | here\n")).isEmpty();
	}

	private static List<Path> markdownFiles() throws IOException {
		try (Stream<Path> files = Files.walk(Repository.file("."))) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".md"))
				.filter((file) -> Stream.of("target", "node_modules", ".git")
					.noneMatch((skipped) -> file.toString().contains("/" + skipped + "/")))
				.filter(Files::isRegularFile)
				.sorted()
				.toList();
		}
	}

}
