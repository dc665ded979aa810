package dev.faultline.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Finds files in the repository (the tests run from the module's folder) and reads YAML
 * from them.
 */
final class Repository {

	private static final Path ROOT = findRoot();

	private Repository() {
	}

	static Path file(String relativePath) {
		return ROOT.resolve(relativePath);
	}

	static String read(String relativePath) {
		try {
			return Files.readString(file(relativePath));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The single YAML document in a file, as nested maps and lists. */
	static Map<String, Object> yaml(String relativePath) {
		List<Map<String, Object>> documents = yamlDocuments(relativePath);
		if (documents.size() != 1) {
			throw new IllegalStateException(
					relativePath + " holds " + documents.size() + " YAML documents, expected 1");
		}
		return documents.get(0);
	}

	/** Every YAML document in a file, in order; empty documents are skipped. */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> yamlDocuments(String relativePath) {
		List<Map<String, Object>> documents = new ArrayList<>();
		try (InputStream in = Files.newInputStream(file(relativePath))) {
			for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
				if (document != null) {
					documents.add((Map<String, Object>) document);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return documents;
	}

	private static Path findRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("No docker-compose.yml above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

}
