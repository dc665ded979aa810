package dev.faultline.backend.message;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.faultline.backend.BackendApplication;
import dev.faultline.testsupport.TestHttp;
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

	@TempDir
	Path dataDir;

	@Test
	void keepsEveryMessageAndIdempotencyKeyAcrossARestart() {
		String createdBody;
		String listBeforeRestart;
		try (ConfigurableApplicationContext backend = start()) {
			TestHttp api = api(backend);
			HttpResponse<String> created = post(api, "{\"author\":\"Ada\",\"text\":\"survives a restart\"}",
					"restart-key");
			assertThat(created.statusCode()).isEqualTo(201);
			createdBody = created.body();
			listBeforeRestart = api.get("/api/messages?limit=100").body();
		}
		try (ConfigurableApplicationContext backend = start()) {
			TestHttp api = api(backend);
			assertThat(api.get("/api/messages?limit=100").body()).isEqualTo(listBeforeRestart)
				.contains("survives a restart");
			HttpResponse<String> replayed = post(api, "{\"author\":\"Ada\",\"text\":\"survives a restart\"}",
					"restart-key");
			assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
			assertThat(replayed.body()).isEqualTo(createdBody);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(BackendApplication.class).run("--server.port=0",
				"--management.server.port=0", "--faultline.data-dir=" + this.dataDir);
	}

	private static HttpResponse<String> post(TestHttp api, String body, String key) {
		return api.send("POST", "/api/messages", body, "Content-Type", "application/json", "Idempotency-Key", key);
	}

	private static TestHttp api(ConfigurableApplicationContext backend) {
		return TestHttp.toPort(((WebServerApplicationContext) backend).getWebServer().getPort());
	}

}
