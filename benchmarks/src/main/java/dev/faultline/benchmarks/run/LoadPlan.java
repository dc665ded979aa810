package dev.faultline.benchmarks.run;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.faultline.benchmarks.Scenario;

/**
 * What the next Gatling run sends, handed from the orchestrator to {@link FeedSimulation}
 * through a static holder: Gatling instantiates the simulation class itself, in this same
 * JVM, so this is how the two share state.
 *
 * @param scenario the scenario being run
 * @param uiUrls the base URL of each loaded UI, by level
 * @param recorder where every request is written
 * @param onStart run by Gatling just before the first user starts, so that the fault
 * timeline starts with the load
 */
record LoadPlan(Scenario scenario, Map<String, String> uiUrls, RequestRecorder recorder, Runnable onStart) {

	private static final AtomicReference<LoadPlan> CURRENT = new AtomicReference<>();

	static void install(LoadPlan plan) {
		CURRENT.set(plan);
	}

	static LoadPlan current() {
		LoadPlan plan = CURRENT.get();
		if (plan == null) {
			throw new IllegalStateException("No load plan: FeedSimulation is run by the benchmark suite only");
		}
		return plan;
	}

}
