package dev.faultline.backend.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.faultline.backend.BackendApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real backend, started in-process on free 127.0.0.1 ports with a data directory of
 * its own, for tests that run outside Spring's test framework, such as jqwik properties.
 * Every request has a timeout.
 */
public final class RunningBackend implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ConfigurableApplicationContext context;

	private final Path dataDir;

	private final int apiPort;

	private final int managementPort;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private RunningBackend(ConfigurableApplicationContext context, Path dataDir) {
		this.context = context;
		this.dataDir = dataDir;
		this.apiPort = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.managementPort = Integer.parseInt(context.getEnvironment().getProperty("local.management.port", "-1"));
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

	/** An address on the API port. */
	public URI api(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.apiPort + pathAndQuery);
	}

	/** An address on the management port (actuator and the chaos API). */
	public URI management(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.managementPort + pathAndQuery);
	}

	/** Sends a request with a timeout and reads the answer as text. */
	public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
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
