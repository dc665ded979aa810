package dev.faultline.ui.testsupport;

import java.util.stream.Stream;

import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.ResiliencePattern;

/**
 * The protection levels picked by what their clients' annotations declare, for
 * parameterised tests: a level that gains or loses a pattern is tested accordingly, with
 * no list of names to update.
 */
public final class Levels {

	private Levels() {
	}

	/** The levels that use the pattern, in the levels' order. */
	public static Stream<ProtectionLevel> using(ResiliencePattern pattern) {
		return Stream.of(ProtectionLevel.values()).filter((level) -> level.uses(pattern));
	}

	/** The levels that do not use the pattern, in the levels' order. */
	public static Stream<ProtectionLevel> without(ResiliencePattern pattern) {
		return Stream.of(ProtectionLevel.values()).filter((level) -> !level.uses(pattern));
	}

}
