package dev.faultline.ui.resilience;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProtectionLevel}: the levels build up, one pattern at a time, with
 * distinct instance names.
 */
class ProtectionLevelTests {

	@Test
	void eachLevelAddsExactlyOnePatternToThePrevious() {
		ProtectionLevel[] levels = ProtectionLevel.values();
		assertThat(levels[0].patterns()).isEmpty();
		for (int i = 1; i < levels.length; i++) {
			assertThat(levels[i].patterns()).containsAll(levels[i - 1].patterns())
				.hasSize(levels[i - 1].patterns().size() + 1);
		}
	}

	@Test
	void idsAreUniqueAndReadBack() {
		assertThat(Arrays.stream(ProtectionLevel.values()).map(ProtectionLevel::id)).doesNotHaveDuplicates();
		for (ProtectionLevel level : ProtectionLevel.values()) {
			assertThat(ProtectionLevel.fromId(level.id())).contains(level);
		}
		assertThat(ProtectionLevel.fromId("FULL")).isEmpty();
		assertThat(ProtectionLevel.DEFAULT).isEqualTo(ProtectionLevel.FULL);
	}

}
