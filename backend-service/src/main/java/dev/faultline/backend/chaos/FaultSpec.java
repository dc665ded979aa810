package dev.faultline.backend.chaos;

import java.time.Duration;
import java.util.Map;

/**
 * One fault as asked for and validated: what it does, which requests it hits, and for how
 * long.
 *
 * @param effect what the fault does
 * @param settings the effect's settings as they apply, defaults included, for display
 * @param selector which requests in scope it hits
 * @param scope which requests it considers
 * @param duration how long it stays before it removes itself
 */
record FaultSpec(Effect effect, Map<String, Object> settings, Selector selector, Scope scope, Duration duration) {

	Fault fault() {
		return this.effect.fault();
	}

}
