package dev.faultline.ui.dashboard;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the chaos panel names the replicas' management roots: by host, which is what
 * compose and the talk call them, and by host and port only where the host alone would
 * not say which.
 */
class ChaosTargetTests {

	@Test
	void eachReplicaIsNamedByItsHost() {
		assertThat(ChaosTarget.names(roots("http://backend-1:9081", "http://backend-2:9081", "http://Backend-3:9081")))
			.containsExactly("backend-1", "backend-2", "backend-3");
	}

	@Test
	void hostsThatRepeatAreNamedWithTheirPort() {
		assertThat(ChaosTarget.names(roots("http://localhost:9081", "http://localhost:9082", "http://backend-3")))
			.containsExactly("localhost:9081", "localhost:9082", "backend-3");
	}

	@Test
	void aHostCalledAllIsNamedWithItsPortSoItIsNeverTheWholeBackend() {
		assertThat(ChaosTarget.names(roots("http://all:9081", "https://other"))).containsExactly("all:9081", "other");
	}

	private static List<URI> roots(String... urls) {
		return Stream.of(urls).map(URI::create).toList();
	}

}
