package dev.faultline.backend.message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import dev.faultline.backend.BackendApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the whole backend, stores messages over HTTP, stops it, starts it again on the
 * same data directory and finds every message still there, seeded only once.
 */
class MessagePersistenceIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path dataDir;

	@Test
	void keepsEveryMessageAndIdempotencyKeyAcrossARestart() throws Exception {
		String createdBody;
		String listBeforeRestart;
		try (ConfigurableApplicationContext backend = start()) {
			HttpResponse<String> created = post(backend, "{\"author\":\"Ada\",\"text\":\"survives a restart\"}",
					"restart-key");
			assertThat(created.statusCode()).isEqualTo(201);
			createdBody = created.body();
			listBeforeRestart = get(backend, "/api/messages?limit=100").body();
		}
		try (ConfigurableApplicationContext backend = start()) {
			assertThat(get(backend, "/api/messages?limit=100").body()).isEqualTo(listBeforeRestart)
				.contains("survives a restart");
			HttpResponse<String> replayed = post(backend, "{\"author\":\"Ada\",\"text\":\"survives a restart\"}",
					"restart-key");
			assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
			assertThat(replayed.body()).isEqualTo(createdBody);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(BackendApplication.class).run("--server.port=0",
				"--management.server.port=0", "--faultline.data-dir=" + this.dataDir);
	}

	private HttpResponse<String> get(ConfigurableApplicationContext backend, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(backend, path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(ConfigurableApplicationContext backend, String body, String key)
			throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(backend, "/api/messages"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(ConfigurableApplicationContext backend, String path) {
		int port = ((WebServerApplicationContext) backend).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
