package dev.faultline.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.faultline.benchmarks.Levels;
import dev.faultline.benchmarks.ServiceSettings;

/**
 * The project's targets for level {@code full} as data: what each bounds, the bound, and
 * why a run may miss it (the project's analysis of its own design, written once here).
 * {@link #evaluate} measures each against a run's figures; the report prints the rows and
 * the reasons of only what the run missed.
 */
final class Targets {

	/** The scenarios in which the breaker is to open in time. */
	static final List<String> OPENING = List.of("hang", "refused", "stopped", "killed");

	private static final String HEALTHY = "The Resilience4j patterns cost nothing measurable (see the JMH "
			+ "section); level `full` adds one hop per request to the attempt executor, which the time limiter "
			+ "needs to give a blocking HTTP call a deadline. Running the first attempt on the request thread "
			+ "instead was tried against the jars (4 looping users, 5 alternating rounds of 8 s each): full/none "
			+ "0.87 on average without the hop, 0.84 with it, rounds spreading from 0.66 to 0.98, so the hop is "
			+ "not the measurable part of the gap on this machine, and it stays: it is what lets the time limiter "
			+ "bound the whole call and what bounds the attempts in flight. On 2 cores shared by 8 JVMs and the "
			+ "load generator, latencies are recorded in whole milliseconds (at 12 ms one millisecond is 8%), and "
			+ "the throughput ratio has spread from 0.88 to 1.02 between runs.";

	private static final String STARTUP = "A start is mostly loading and linking the classes of what a service "
			+ "uses: the bare app loads 8.2k, the backend 12.3k (H2, Flyway, Spring Data JDBC, Hibernate "
			+ "Validator), the UI 13.2k, down from 14.4k since Redis, Spring Cloud CircuitBreaker and an unused TLS "
			+ "set-up load only when used. The UI's 5k more are the features the demo shows: Resilience4j and "
			+ "AspectJ for its annotations (about 830), Hibernate Validator (530), Spring Security (500), Reactor "
			+ "(260, Resilience4j's Reactor support, on the classpath for the Redis client), HttpClient 5 (240); "
			+ "and it does more with them (an AOP proxy per protected client, six levels of instances and "
			+ "metrics, a security filter chain). Class data sharing (rows marked CDS) shortens every start by "
			+ "about as much; lazy initialisation made no measurable difference.";

	private Targets() {
	}

	/**
	 * Every target, in the report's order, with the reasons filled in from the settings
	 * the run recorded.
	 */
	static List<Target> all(ServiceSettings settings) {
		String wait = settings.breaker().waitInOpen();
		String open = (wait != null) ? "breaker open " + wait : "the breaker open for its wait";
		Why healthy = new Why("Healthy p50 and throughput", HEALTHY);
		Why live = new Why("Live again", "After `kill -CONT` the backend first works through the requests that queued "
				+ "while it was stopped, so its first fresh answer comes later than the signal the suite measures "
				+ "from; every other outage healed well within a second (" + open + ", then one trial call).");
		Why startup = new Why("Startup", STARTUP);
		return List.of(
				new Target("healthy p50 (20 users/s each)", Metric.HEALTHY_P50_RATIO, Bound.AT_MOST, 1.05, "× none",
						healthy),
				new Target("healthy throughput (4 looping users)", Metric.HEALTHY_THROUGHPUT_RATIO, Bound.AT_LEAST,
						0.95, "× none", healthy),
				new Target("live again after the backend answers again (median)", Metric.LIVE_AGAIN_MEDIAN_MS,
						Bound.AT_MOST, 1000, "ms", live),
				new Target("live again (worst)", Metric.LIVE_AGAIN_WORST_MS, Bound.AT_MOST, 2000, "ms", live),
				new Target(
						"backend calls per request while the breaker is closed, during an outage, above what the "
								+ "retry budget allows, at every level with a retry",
						Metric.CLOSED_CALLS_OVER_BUDGET, Bound.AT_MOST, 0.005, "calls/request",
						new Why("Calls per request while closed",
								"Over the limit means retries the level's budget " + "did not pay for: a bug.")),
				new Target("breaker OPEN after a hang, refusal, stop or kill", Metric.BREAKER_OPEN_MS, Bound.AT_MOST,
						1500, "ms", null),
				new Target("backend calls per request while it is open", Metric.OPEN_CALLS, Bound.AT_MOST, 0.05,
						"calls/request",
						new Why("Calls per request while open", "One trial call after each open state"
								+ ((wait != null) ? " (" + wait + ")" : "")
								+ ": at 10 requests/s per UI that is up to 0.1 per request, half of that at "
								+ "20/s. The figure depends on the arrival rate; the probe rate, about one a second, "
								+ "does not.")),
				new Target("hang p99 over the deadline (answers are timed by the load generator, so a few ms over is "
						+ "its own overhead)", Metric.HANG_P99_OVER_DEADLINE_MS, Bound.AT_MOST, 50, "ms", null),
				new Target("backend startup", Metric.BACKEND_STARTUP_RATIO, Bound.AT_MOST, 1.5, "× the bare app",
						startup),
				new Target("backend memory (RSS)", Metric.BACKEND_RSS_RATIO, Bound.AT_MOST, 1.5, "× the bare app",
						null),
				new Target("ui startup", Metric.UI_STARTUP_RATIO, Bound.AT_MOST, 1.5, "× the bare app", startup),
				new Target("ui memory (RSS)", Metric.UI_RSS_RATIO, Bound.AT_MOST, 1.5, "× the bare app", null));
	}

	/**
	 * Each target against the run: its measurement, or none where the run lacks what it
	 * needs (a startup target without a startup row, for instance).
	 */
	static List<Result> evaluate(List<Target> targets, List<Figures.ScenarioFigures> figures,
			List<Figures.Startup> startup, ServiceSettings settings) {
		List<Result> results = new ArrayList<>();
		for (Target target : targets) {
			Measured measured = measure(target.metric(), figures, startup, settings);
			if (measured != null) {
				results.add(new Result(target, measured,
						(measured.value() != null) ? target.bound().holds(measured.value(), target.limit()) : null));
			}
		}
		return results;
	}

	private static Measured measure(Metric metric, List<Figures.ScenarioFigures> figures, List<Figures.Startup> startup,
			ServiceSettings settings) {
		List<Figures.Level> faulted = figures.stream()
			.filter((scenario) -> scenario.scenario().hasFault())
			.map((scenario) -> scenario.level(Levels.FULL))
			.filter(Objects::nonNull)
			.toList();
		return switch (metric) {
			case HEALTHY_P50_RATIO -> find(figures, "healthy-fairness").map((fairness) -> {
				Double ratio = Format.ratioValue(fairness.level(Levels.FULL).p50(), fairness.level(Levels.NONE).p50());
				return new Measured(ratio, Format.decimal(ratio));
			}).orElse(null);
			case HEALTHY_THROUGHPUT_RATIO -> find(figures, "healthy-throughput").map((throughput) -> {
				double ratio = throughput.level(Levels.FULL).perSecond() / throughput.level(Levels.NONE).perSecond();
				return new Measured(ratio, Format.decimal(ratio));
			}).orElse(null);
			case LIVE_AGAIN_MEDIAN_MS -> {
				List<Long> medians = faulted.stream()
					.map(Figures.Level::recoveryMedianMs)
					.filter(Objects::nonNull)
					.toList();
				Long median = Statistics.percentile(medians, 50);
				Long slowest = medians.stream().max(Long::compare).orElse(null);
				yield new Measured(number(median), Format.ms(median) + " over the " + medians.size()
						+ " outage scenarios (the slowest scenario's median: " + Format.ms(slowest) + ")");
			}
			case LIVE_AGAIN_WORST_MS -> {
				Long worst = faulted.stream()
					.map(Figures.Level::recoveryMaxMs)
					.filter(Objects::nonNull)
					.max(Long::compare)
					.orElse(null);
				yield new Measured(number(worst), "slowest " + Format.ms(worst));
			}
			case CLOSED_CALLS_OVER_BUDGET -> {
				List<Figures.Level> budgeted = figures.stream()
					.filter((scenario) -> scenario.scenario().hasFault())
					.flatMap((scenario) -> scenario.levels().stream())
					.filter((level) -> level.callsPerRequestClosed() != null && level.budgetLimitClosed() != null)
					.toList();
				Figures.Level tightest = budgeted.stream()
					.max(Comparator
						.comparingDouble((level) -> level.callsPerRequestClosed() / level.budgetLimitClosed()))
					.orElse(null);
				Double over = budgeted.stream()
					.map((level) -> level.callsPerRequestClosed() - level.budgetLimitClosed())
					.max(Double::compare)
					.orElse(null);
				yield new Measured((tightest != null) ? over : null, (tightest != null)
						? "closest: " + Format.decimal(tightest.callsPerRequestClosed()) + " against "
								+ Format.decimal(tightest.budgetLimitClosed()) + " (level " + tightest.level() + ")"
						: "– (the run did not record the budget)");
			}
			case BREAKER_OPEN_MS -> {
				List<String> opened = new ArrayList<>();
				Long slowest = 0L;
				for (String name : OPENING) {
					Figures.Level full = find(figures, name).map((scenario) -> scenario.level(Levels.FULL))
						.orElse(null);
					if (full != null) {
						opened.add(name + " " + Format.ms(full.timeToOpenMs()));
						slowest = (slowest == null || full.timeToOpenMs() == null) ? null
								: Math.max(slowest, full.timeToOpenMs());
					}
				}
				yield opened.isEmpty() ? null : new Measured(number(slowest), String.join(", ", opened));
			}
			case OPEN_CALLS -> {
				Double open = faulted.stream()
					.map(Figures.Level::callsPerRequestOpen)
					.filter(Objects::nonNull)
					.max(Double::compare)
					.orElse(null);
				yield new Measured(open, "highest " + Format.decimal(open));
			}
			case HANG_P99_OVER_DEADLINE_MS -> find(figures, "hang").map((hang) -> {
				Long p99 = hang.level(Levels.FULL).faultP99();
				Long deadline = settings.deadlineMs();
				String text = Format.ms(p99) + ((deadline != null) ? " against " + ServiceSettings.seconds(deadline)
						: " (the run did not record the deadline)");
				return new Measured((p99 != null && deadline != null) ? (double) (p99 - deadline) : null, text);
			}).orElse(null);
			case BACKEND_STARTUP_RATIO -> startup(startup, "backend", Figures.Startup::startupRatio);
			case BACKEND_RSS_RATIO -> startup(startup, "backend", Figures.Startup::rssRatio);
			case UI_STARTUP_RATIO -> startup(startup, "ui", Figures.Startup::startupRatio);
			case UI_RSS_RATIO -> startup(startup, "ui", Figures.Startup::rssRatio);
		};
	}

	private static Measured startup(List<Figures.Startup> startup, String service,
			Function<Figures.Startup, Double> ratio) {
		return startup.stream()
			.filter((row) -> row.service().equals(service))
			.findFirst()
			.map((row) -> new Measured(ratio.apply(row), Format.decimal(ratio.apply(row))))
			.orElse(null);
	}

	private static Optional<Figures.ScenarioFigures> find(List<Figures.ScenarioFigures> figures, String name) {
		return figures.stream().filter((scenario) -> scenario.scenario().name().equals(name)).findFirst();
	}

	private static Double number(Long value) {
		return (value != null) ? value.doubleValue() : null;
	}

	/** What a target measures, each computed from the run's figures. */
	enum Metric {

		/** Level full's p50 over level none's, 20 users/s each. */
		HEALTHY_P50_RATIO,
		/** Level full's requests/s over level none's, 4 looping users. */
		HEALTHY_THROUGHPUT_RATIO,
		/** The median over the outage scenarios of level full's median time to live. */
		LIVE_AGAIN_MEDIAN_MS,
		/** The slowest of level full's times to live. */
		LIVE_AGAIN_WORST_MS,
		/** The most calls per request while closed above the budget's limit. */
		CLOSED_CALLS_OVER_BUDGET,
		/** The slowest of level full's times to OPEN in {@link #OPENING}. */
		BREAKER_OPEN_MS,
		/** The most calls per request while the breaker was open. */
		OPEN_CALLS,
		/** Level full's p99 in the hang's fault window minus the recorded deadline. */
		HANG_P99_OVER_DEADLINE_MS,
		/** The backend's startup over the bare app's. */
		BACKEND_STARTUP_RATIO,
		/** The backend's RSS over the bare app's. */
		BACKEND_RSS_RATIO,
		/** The UI's startup over the bare app's. */
		UI_STARTUP_RATIO,
		/** The UI's RSS over the bare app's. */
		UI_RSS_RATIO

	}

	/** Which side of its limit a measurement must stay on. */
	enum Bound {

		/** At or under the limit. */
		AT_MOST("≤"),
		/** At or over the limit. */
		AT_LEAST("≥");

		private final String symbol;

		Bound(String symbol) {
			this.symbol = symbol;
		}

		boolean holds(double value, double limit) {
			return (this == AT_MOST) ? value <= limit : value >= limit;
		}

	}

	/**
	 * One target.
	 *
	 * @param name what it bounds
	 * @param metric how a run measures it
	 * @param bound which side of the limit is met
	 * @param limit the limit, in {@code unit}
	 * @param unit the limit's unit: {@code ms}, {@code × none}, ...
	 * @param why why a run may miss it, or {@code null} when no reason is written
	 */
	record Target(String name, Metric metric, Bound bound, double limit, String unit, Why why) {

		/** As the report's table names it, such as {@code live again (worst) ≤ 2 s}. */
		String label() {
			if (this.unit.equals("ms")) {
				return this.name + " " + this.bound.symbol + " " + ServiceSettings.seconds((long) this.limit);
			}
			String value = (this.limit == Math.rint(this.limit)) ? Long.toString((long) this.limit)
					: String.format(Locale.ROOT, "%s", this.limit);
			return this.name + " " + this.bound.symbol + " " + value + " " + this.unit;
		}

	}

	/**
	 * Why a target may be missed.
	 *
	 * @param title the reason's bold lead
	 * @param text the reason
	 */
	record Why(String title, String text) {
	}

	/**
	 * What a run measured for a target.
	 *
	 * @param value the number compared with the limit, or {@code null} when unknown
	 * @param text as the report prints it
	 */
	record Measured(Double value, String text) {
	}

	/**
	 * A target against a run.
	 *
	 * @param target the target
	 * @param measured what the run measured
	 * @param met whether it is met, or {@code null} when the run lacks what tells
	 */
	record Result(Target target, Measured measured, Boolean met) {

		/** Whether the run measured it and missed it. */
		boolean missed() {
			return Boolean.FALSE.equals(this.met);
		}

	}

}
