package dev.faultline.backend.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.faultline.backend.BackendApplication;
import dev.faultline.testsupport.TestHttp;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real backend, started in-process on free 127.0.0.1 ports with a data directory of
 * its own, for tests that run outside Spring's test framework, such as jqwik properties.
 * Its clients ({@link TestHttp}) bound every wait.
 */
public final class RunningBackend implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final Path dataDir;

	private final TestHttp api;

	private final TestHttp management;

	private RunningBackend(ConfigurableApplicationContext context, Path dataDir) {
		this.context = context;
		this.dataDir = dataDir;
		this.api = TestHttp.toPort(((WebServerApplicationContext) context).getWebServer().getPort());
		this.management = TestHttp
			.toPort(Integer.parseInt(context.getEnvironment().getProperty("local.management.port", "-1")));
	}

	/** Starts a backend; extra arguments are Spring Boot command-line properties. */
	public static RunningBackend start(String... properties) throws IOException {
		Path dataDir = Files.createTempDirectory("faultline-backend-");
		String[] args = Stream.concat(Stream.of("--server.port=0", "--server.address=127.0.0.1",
				"--management.server.port=0", "--management.server.address=127.0.0.1",
				"--faultline.data-dir=" + dataDir, "--spring.main.banner-mode=off"), Stream.of(properties))
			.toArray(String[]::new);
		return new RunningBackend(new SpringApplicationBuilder(BackendApplication.class).run(args), dataDir);
	}

	/** A client for the API port. */
	public TestHttp api() {
		return this.api;
	}

	/** A client for the management port (actuator and the chaos API). */
	public TestHttp management() {
		return this.management;
	}

	/** The backend's database. */
	public JdbcClient jdbc() {
		return this.context.getBean(JdbcClient.class);
	}

	@Override
	public void close() throws IOException {
		this.context.close();
		try (Stream<Path> files = Files.walk(this.dataDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

}
