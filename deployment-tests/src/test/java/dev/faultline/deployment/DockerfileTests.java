package dev.faultline.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared {@code Dockerfile} and {@code .dockerignore}: the build stage sees every
 * module the reactor needs, and the runtime stage is the non-root, JRE-only,
 * extracted-layers image the compose file expects.
 */
class DockerfileTests {

	private static final String DOCKERFILE = Repository.read("Dockerfile");

	@Test
	void buildStageCopiesEveryModulePomSoTheReactorResolves() {
		List<String> modules = new ArrayList<>();
		// Modules in profiles (the benchmarks) are not part of the image build, which
		// runs without profiles.
		String reactor = Repository.read("pom.xml").replaceAll("(?s)<profiles>.*</profiles>", "");
		Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(reactor);
		while (module.find()) {
			modules.add(module.group(1));
		}
		assertThat(modules).isNotEmpty();
		String dockerignore = Repository.read(".dockerignore");
		for (String name : modules) {
			assertThat(DOCKERFILE).contains("COPY " + name + "/pom.xml " + name + "/");
			assertThat(dockerignore).contains("!" + name + "/pom.xml");
		}
	}

	@Test
	void runtimeStageIsANonRootJreStartingTheExtractedJarWithContainerMemoryFlags() {
		String runtime = DOCKERFILE.substring(DOCKERFILE.lastIndexOf("\nFROM "));
		assertThat(runtime).contains("FROM eclipse-temurin:17-jre").contains("\nUSER faultline");
		assertThat(DOCKERFILE).contains("FROM eclipse-temurin:17-jdk AS build").contains("-Djarmode=tools");
		assertThat(runtime).contains("-XX:MaxRAMPercentage=").contains("\"-jar\", \"application.jar\"");
		assertThat(runtime).contains("COPY --from=build /healthcheck/HealthCheck.class /opt/healthcheck/");
	}

	@Test
	void runtimeStageTrainsAClassDataSharingArchiveAndStartsWithIt() {
		String runtime = DOCKERFILE.substring(DOCKERFILE.lastIndexOf("\nFROM "));
		assertThat(runtime).contains("-XX:ArchiveClassesAtExit=application.jsa")
			.contains("-Dspring.context.exit=onRefresh")
			.contains("\"-XX:SharedArchiveFile=application.jsa\"");
		// Trained as root before the switch to the non-root user, which then only reads
		// it.
		assertThat(runtime.indexOf("ArchiveClassesAtExit")).isLessThan(runtime.indexOf("\nUSER faultline"));
	}

}
