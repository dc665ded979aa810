package dev.faultline.fuzz;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seed replays a run: the same seed generates the same requests, another seed others.
 */
class SeedTests {

	@Test
	void theSameSeedGeneratesTheSameBodiesAndKeys() {
		assertThat(generated(42)).isEqualTo(generated(42)).isNotEqualTo(generated(43));
	}

	private static List<String> generated(long seed) {
		URI local = URI.create("http://127.0.0.1:1");
		FuzzRun run = new FuzzRun(new FuzzOptions(seed, 100, local, local, local), "fz-");
		MessageBodies bodies = new MessageBodies(run);
		List<String> generated = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			Body body = bodies.body();
			generated.add(Text.excerpt(new String(body.bytes(), StandardCharsets.ISO_8859_1), 200) + " "
					+ body.validity() + " " + body.bytes().length + " " + run.freshKey());
		}
		return generated;
	}

}
