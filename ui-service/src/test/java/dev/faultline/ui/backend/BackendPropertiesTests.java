package dev.faultline.ui.backend;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replica list as start-up binds it: {@code base-url} alone when no replicas are
 * listed, the replicas in their order otherwise, and a list the UI could not call stops
 * the start with the property and the value at fault.
 */
class BackendPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class)
		.withPropertyValues("faultline.backend.connect-timeout=500ms", "faultline.backend.read-timeout=1s",
				"faultline.backend.max-concurrent-attempts=4", "faultline.backend.unprotected-max-connections=4",
				"faultline.backend.management-url=http://localhost:9081", "faultline.backend.chaos-token=");

	@Test
	void withoutReplicasTheBaseUrlIsTheOnlyReplica() {
		this.runner.withPropertyValues("faultline.backend.base-url=http://localhost:8081").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(BackendProperties.class).replicaList()).extracting(Replica::id)
				.containsExactly("localhost:8081");
		});
	}

	@Test
	void replicasAreNamedByHostAndPortInTheirOrder() {
		this.runner
			.withPropertyValues("faultline.backend.base-url=http://localhost:8081",
					"faultline.backend.replicas=http://backend-2:8081,http://backend-1:8081/,https://backend-3")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(BackendProperties.class).replicaList()).extracting(Replica::id)
					.containsExactly("backend-2:8081", "backend-1:8081", "backend-3:443");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					http://a:8081,ftp://b:21     | faultline.backend.replicas[1] = 'ftp://b:21' is not an http or https URL
					backend-1:8081               | faultline.backend.replicas[0] = 'backend-1:8081' is not an http or https URL
					http:///api                  | faultline.backend.replicas[0] = 'http:///api' has no host
					http://a:8081,http://a:8081/ | faultline.backend.replicas[1] = 'http://a:8081/' is replica a:8081 again, as faultline.backend.replicas[0] = 'http://a:8081'
					http://a,http://a:80         | faultline.backend.replicas[1] = 'http://a:80' is replica a:80 again
					http://bad host:8081         | faultline.backend.replicas[0] = 'http://bad%20host:8081' has no host
					""")
	void aListTheUiCouldNotCallStopsTheStart(String replicas, String message) {
		this.runner
			.withPropertyValues("faultline.backend.base-url=http://localhost:8081",
					"faultline.backend.replicas=" + replicas)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure())).contains("faultline.backend.replicas")
					.contains(message);
			});
	}

	@Test
	void withoutManagementUrlsTheManagementUrlIsTheOnlyOne() {
		this.runner.withPropertyValues("faultline.backend.base-url=http://localhost:8081").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(BackendProperties.class).managementUrls())
				.containsExactly(URI.create("http://localhost:9081"));
		});
	}

	@Test
	void managementUrlsAreKeptInTheirOrder() {
		this.runner
			.withPropertyValues("faultline.backend.base-url=http://localhost:8081",
					"faultline.backend.management-urls=http://backend-2:9081,http://backend-1:9081")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(BackendProperties.class).managementUrls())
					.containsExactly(URI.create("http://backend-2:9081"), URI.create("http://backend-1:9081"));
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					http://a:9081,ftp://b:21     | faultline.backend.management-urls[1] = 'ftp://b:21' is not an http or https URL
					http:///chaos                | faultline.backend.management-urls[0] = 'http:///chaos' has no host
					http://a:9081,http://a:9081/ | faultline.backend.management-urls[1] = 'http://a:9081/' is management root a:9081 again, as faultline.backend.management-urls[0] = 'http://a:9081'
					""")
	void aManagementUrlListTheUiCouldNotCallStopsTheStart(String roots, String message) {
		this.runner
			.withPropertyValues("faultline.backend.base-url=http://localhost:8081",
					"faultline.backend.management-urls=" + roots)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure())).contains(message);
			});
	}

	@Test
	void anEmptyEntryStopsTheStart() {
		this.runner
			.withPropertyValues("faultline.backend.base-url=http://localhost:8081",
					"faultline.backend.replicas[0]=http://a:8081", "faultline.backend.replicas[1]=")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure())).contains("faultline.backend.replicas[1]");
			});
	}

	@Test
	void noReplicaAtAllStopsTheStart() {
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure()))
				.contains("No backend replica: faultline.backend.replicas is empty and faultline.backend.base-url "
						+ "is not set");
		});
	}

	@Test
	void aBaseUrlThatIsNoHttpUrlStopsTheStartWhenItIsTheOnlyReplica() {
		this.runner.withPropertyValues("faultline.backend.base-url=localhost:8081").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure()))
				.contains("faultline.backend.base-url = 'localhost:8081' is not an http or https URL");
		});
	}

	/** Every message of the failure and its causes, one per line. */
	private static String messages(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return String.join("\n", messages);
	}

	/** Binds {@link BackendProperties} and nothing else. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BackendProperties.class)
	static class PropertiesOnly {

	}

}
