package dev.faultline.benchmarks.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A CSV file written by several threads at once (Gatling's and the orchestrator's): one
 * row per call, in full.
 */
final class CsvWriter implements AutoCloseable {

	private final BufferedWriter out;

	CsvWriter(Path file, String... header) {
		try {
			this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		row((Object[]) header);
	}

	/**
	 * Writes one row; values are written with {@code toString}, {@code null} as an empty
	 * field.
	 */
	synchronized void row(Object... values) {
		try {
			this.out.write(Stream.of(values).map(CsvWriter::field).collect(Collectors.joining(",")));
			this.out.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	synchronized void flush() {
		try {
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void close() {
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String field(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		// No field the suite writes holds a comma or a quote; this only keeps a surprise
		// from breaking the file.
		return text.replace(',', ';').replace('"', '\'').replace('\n', ' ');
	}

}
