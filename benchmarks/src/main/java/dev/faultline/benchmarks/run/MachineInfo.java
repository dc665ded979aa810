package dev.faultline.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the report says about the machine: CPU, cores, memory, OS and the JDK running the
 * suite.
 */
final class MachineInfo {

	private MachineInfo() {
	}

	static Map<String, String> describe() {
		Map<String, String> info = new LinkedHashMap<>();
		info.put("machine.cpu", firstValue("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")));
		info.put("machine.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
		info.put("machine.memory",
				firstValue("/proc/meminfo", "MemTotal")
					.map((kb) -> String.format(Locale.ROOT, "%.1f GiB",
							Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
					.orElse("unknown"));
		info.put("machine.os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		info.put("machine.jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		return info;
	}

	private static Optional<String> firstValue(String file, String key) {
		try {
			return Files.readAllLines(Paths.get(file))
				.stream()
				.filter((line) -> line.startsWith(key))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
