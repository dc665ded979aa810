package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The first step of both checks of a results directory ({@link ResultsCheck},
 * {@link ReplicaCheck}): every file there, each CSV with its header.
 */
final class FileChecks {

	private FileChecks() {
	}

	/**
	 * What is missing or malformed, one sentence each.
	 * @param headers each CSV file with the header it must start with
	 * @param files the other files that must be there
	 */
	static List<String> problems(Path dir, Map<String, String> headers, List<String> files) {
		List<String> problems = new ArrayList<>();
		headers.forEach((file, header) -> {
			if (!Files.isRegularFile(dir.resolve(file))) {
				problems.add(file + " is missing");
			}
			else if (!Results.Csv.header(dir.resolve(file)).equals(header)) {
				problems.add(file + " does not start with the header " + header);
			}
		});
		for (String file : files) {
			if (!Files.isRegularFile(dir.resolve(file))) {
				problems.add(file + " is missing");
			}
		}
		return problems;
	}

	/** A file's text, or empty when it cannot be read. */
	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
