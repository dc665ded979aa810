package dev.faultline.benchmarks.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.faultline.benchmarks.Scenario;

/**
 * One scenario's load with its fault timeline beside it: what the suite's and the replica
 * runner's scenarios share. Gatling sends the load in this JVM; the timeline thread
 * starts with the first user, so "5 s healthy" means five seconds of load.
 */
final class ScenarioLoad {

	private ScenarioLoad() {
	}

	/**
	 * Sends the scenario's load to the given UIs while {@code timeline} runs, records
	 * {@code load-start} and {@code load-end}, and returns when both are done.
	 * @param timelineWithin how long the timeline may outlast the load
	 * @throws IllegalStateException when Gatling never started or the timeline did not
	 * finish in time
	 */
	static void run(Scenario scenario, Map<String, String> uiUrls, RequestRecorder recorder, CsvWriter events,
			Runnable timeline, Path gatling, Duration timelineWithin) throws InterruptedException {
		Thread thread = new Thread(timeline, "timeline-" + scenario.name());
		LoadPlan.install(new LoadPlan(scenario, uiUrls, recorder, () -> {
			events.row(scenario.name(), "load-start", System.currentTimeMillis());
			thread.start();
		}));
		int status = FeedSimulation.run(scenario.name(), gatling);
		events.row(scenario.name(), "load-end", System.currentTimeMillis());
		if (thread.getState() == Thread.State.NEW) {
			throw new IllegalStateException(
					"Gatling never started the load of " + scenario.name() + " (status " + status + ")");
		}
		thread.join(Duration.ofSeconds(scenario.totalSeconds()).plus(timelineWithin).toMillis());
		if (thread.isAlive()) {
			thread.interrupt();
			throw new IllegalStateException("The timeline of " + scenario.name() + " did not finish");
		}
		if (status != 0) {
			System.out.println("== benchmark: Gatling ended " + scenario.name() + " with status " + status);
		}
	}

}
