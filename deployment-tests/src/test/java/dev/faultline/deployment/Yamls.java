package dev.faultline.deployment;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Typed access into parsed YAML:
 * {@code Yamls.map(deployment, "spec", "template", "spec")}. A missing key fails with the
 * path that was asked for, which is the message a broken manifest deserves.
 */
final class Yamls {

	private Yamls() {
	}

	static Object at(Object node, String... path) {
		Object current = node;
		for (int i = 0; i < path.length; i++) {
			if (!(current instanceof Map<?, ?> map) || !map.containsKey(path[i])) {
				throw new AssertionError("missing " + String.join(".", List.of(path).subList(0, i + 1)));
			}
			current = map.get(path[i]);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node, String... path) {
		return (Map<String, Object>) at(node, path);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> maps(Object node, String... path) {
		return (List<Map<String, Object>>) at(node, path);
	}

	static List<String> strings(Object node, String... path) {
		return ((List<?>) at(node, path)).stream().map(String::valueOf).collect(Collectors.toList());
	}

	static String string(Object node, String... path) {
		return String.valueOf(at(node, path));
	}

	static int integer(Object node, String... path) {
		return Integer.parseInt(string(node, path));
	}

	static boolean has(Object node, String... path) {
		Object current = node;
		for (String key : path) {
			if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
				return false;
			}
			current = map.get(key);
		}
		return true;
	}

}
