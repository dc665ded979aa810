package dev.faultline.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * The settings of the services under test that the report describes, as a run read them
 * from the running services and recorded them in its properties file: the report prints
 * these, never a re-typed copy, so that a report regenerated from an old run states the
 * settings of that run. A setting the run did not record is {@code null}.
 *
 * @param deadlineMs level full's time limiter, in milliseconds
 * @param retryBudgetRatio the retry tokens a call earns
 * @param retryBudgetCapacity the most retry tokens a level saves up
 * @param breaker level full's circuit breaker
 * @param levelsWithRetry the levels that have a retry, in level order
 * @param levelsWithBreaker the levels that have a circuit breaker, in level order
 * @param chaosScenarios the names of the backend's chaos scenarios
 */
public record ServiceSettings(Long deadlineMs, Double retryBudgetRatio, Double retryBudgetCapacity, Breaker breaker,
		List<String> levelsWithRetry, List<String> levelsWithBreaker, List<String> chaosScenarios) {

	/** Property: {@link #deadlineMs}. */
	public static final String DEADLINE_MS = "deadlineMs";

	/** Property: {@link #retryBudgetRatio}. */
	public static final String RETRY_BUDGET_RATIO = "retryBudget.ratio";

	/** Property: {@link #retryBudgetCapacity}. */
	public static final String RETRY_BUDGET_CAPACITY = "retryBudget.capacity";

	/** Property: {@link #levelsWithRetry}, comma-separated. */
	public static final String LEVELS_WITH_RETRY = "levels.withRetry";

	/** Property: {@link #levelsWithBreaker}, comma-separated. */
	public static final String LEVELS_WITH_BREAKER = "levels.withBreaker";

	/** Property: {@link #chaosScenarios}, comma-separated. */
	public static final String CHAOS_SCENARIOS = "chaos.scenarios";

	private static final String BREAKER = "breaker.";

	/** Nothing recorded. */
	public static final ServiceSettings NONE = new ServiceSettings(null, null, null, Breaker.NONE, null, null, null);

	/** The settings a run's properties record; those it lacks are {@code null}. */
	public static ServiceSettings of(Properties run) {
		return new ServiceSettings(value(run, DEADLINE_MS, Long::valueOf),
				value(run, RETRY_BUDGET_RATIO, Double::valueOf), value(run, RETRY_BUDGET_CAPACITY, Double::valueOf),
				Breaker.of(run), list(run, LEVELS_WITH_RETRY), list(run, LEVELS_WITH_BREAKER),
				list(run, CHAOS_SCENARIOS));
	}

	/** Records every known setting into a run's properties. */
	public void store(Properties run) {
		put(run, DEADLINE_MS, this.deadlineMs);
		put(run, RETRY_BUDGET_RATIO, this.retryBudgetRatio);
		put(run, RETRY_BUDGET_CAPACITY, this.retryBudgetCapacity);
		this.breaker.store(run);
		put(run, LEVELS_WITH_RETRY, (this.levelsWithRetry != null) ? String.join(",", this.levelsWithRetry) : null);
		put(run, LEVELS_WITH_BREAKER,
				(this.levelsWithBreaker != null) ? String.join(",", this.levelsWithBreaker) : null);
		put(run, CHAOS_SCENARIOS, (this.chaosScenarios != null) ? String.join(",", this.chaosScenarios) : null);
	}

	/**
	 * The deadline as prose names it, such as {@code 2 s}; {@code null} when not
	 * recorded.
	 */
	public String deadline() {
		return (this.deadlineMs != null) ? seconds(this.deadlineMs) : null;
	}

	/** Whether the level has a retry; {@code null} when the run did not record it. */
	public Boolean hasRetry(String level) {
		return (this.levelsWithRetry != null) ? this.levelsWithRetry.contains(level) : null;
	}

	/**
	 * Whether the level has a circuit breaker; {@code null} when the run did not record
	 * it.
	 */
	public Boolean hasBreaker(String level) {
		return (this.levelsWithBreaker != null) ? this.levelsWithBreaker.contains(level) : null;
	}

	/** A duration as prose writes it: {@code 2 s}, {@code 1.5 s} or {@code 800 ms}. */
	public static String seconds(long millis) {
		if (millis < 1000) {
			return millis + " ms";
		}
		return (millis % 1000 == 0) ? (millis / 1000) + " s"
				: String.format(Locale.ROOT, "%s s", Double.toString(millis / 1000.0));
	}

	private static <T> T value(Properties run, String key, Function<String, T> parse) {
		String text = run.getProperty(key);
		return (text != null && !text.isBlank()) ? parse.apply(text.trim()) : null;
	}

	private static List<String> list(Properties run, String key) {
		String text = run.getProperty(key);
		return (text != null) ? Arrays.stream(text.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList()
				: null;
	}

	private static void put(Properties run, String key, Object value) {
		if (value != null) {
			run.setProperty(key, value.toString());
		}
	}

	/**
	 * Level full's circuit breaker, as its UI's configuration properties state it.
	 *
	 * @param slidingWindowType {@code TIME_BASED} or {@code COUNT_BASED}
	 * @param slidingWindowSize seconds or calls, by the type
	 * @param minimumNumberOfCalls calls in the window before it may open
	 * @param failureRateThreshold the failure share, in percent, that opens it
	 * @param waitInOpenMs how long it stays open before a trial
	 * @param trialCalls the calls allowed while half-open
	 */
	public record Breaker(String slidingWindowType, Integer slidingWindowSize, Integer minimumNumberOfCalls,
			Double failureRateThreshold, Long waitInOpenMs, Integer trialCalls) {

		/** Nothing recorded. */
		public static final Breaker NONE = new Breaker(null, null, null, null, null, null);

		static Breaker of(Properties run) {
			return new Breaker(value(run, BREAKER + "slidingWindowType", Function.identity()),
					value(run, BREAKER + "slidingWindowSize", Integer::valueOf),
					value(run, BREAKER + "minimumNumberOfCalls", Integer::valueOf),
					value(run, BREAKER + "failureRateThreshold", Double::valueOf),
					value(run, BREAKER + "waitInOpenMs", Long::valueOf),
					value(run, BREAKER + "trialCalls", Integer::valueOf));
		}

		void store(Properties run) {
			put(run, BREAKER + "slidingWindowType", this.slidingWindowType);
			put(run, BREAKER + "slidingWindowSize", this.slidingWindowSize);
			put(run, BREAKER + "minimumNumberOfCalls", this.minimumNumberOfCalls);
			put(run, BREAKER + "failureRateThreshold", this.failureRateThreshold);
			put(run, BREAKER + "waitInOpenMs", this.waitInOpenMs);
			put(run, BREAKER + "trialCalls", this.trialCalls);
		}

		/**
		 * The window as prose names it, such as {@code 10 s, at least 5 calls};
		 * {@code null} when not recorded.
		 */
		public String window() {
			if (this.slidingWindowSize == null || this.slidingWindowType == null) {
				return null;
			}
			String size = "TIME_BASED".equals(this.slidingWindowType) ? this.slidingWindowSize + " s"
					: "the last " + this.slidingWindowSize + " calls";
			return size
					+ ((this.minimumNumberOfCalls != null) ? ", at least " + this.minimumNumberOfCalls + " calls" : "");
		}

		/** The open state's wait as prose names it; {@code null} when not recorded. */
		public String waitInOpen() {
			return (this.waitInOpenMs != null) ? seconds(this.waitInOpenMs) : null;
		}

		/** Parses a duration as configuration properties show it: {@code PT1S}. */
		public static long millis(String text) {
			return Duration.parse(text).toMillis();
		}

	}

}
