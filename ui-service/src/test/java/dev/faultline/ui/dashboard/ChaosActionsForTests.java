package dev.faultline.ui.dashboard;

import java.util.Arrays;
import java.util.List;

/**
 * The ids of the dashboard's chaos buttons for tests outside this package, so that they
 * derive the valid ones instead of restating them.
 */
public final class ChaosActionsForTests {

	private ChaosActionsForTests() {
	}

	/** Every button's id, {@code off} included, in the panel's order. */
	public static List<String> ids() {
		return Arrays.stream(ChaosAction.values()).map(ChaosAction::id).toList();
	}

}
