package dev.faultline.ui.testsupport;

import java.time.Duration;

import dev.faultline.ui.resilience.ProtectionLevel;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The deadline of a protected read, read from a running UI's settings rather than
 * re-typed: a test bounds an answer's time with it, and follows a change of
 * {@code application.yml}.
 */
public final class Deadlines {

	/** Where {@code application.yml} sets the deadline. */
	public static final String PROPERTY = "resilience4j.timelimiter.configs.default.timeoutDuration";

	private Deadlines() {
	}

	/** The deadline of the level's time limiter. */
	public static Duration of(TimeLimiterRegistry timeLimiters, ProtectionLevel level) {
		return timeLimiters.timeLimiter(level.id()).getTimeLimiterConfig().getTimeoutDuration();
	}

	/** The deadline of the level's time limiter in the UI's context. */
	public static Duration of(ApplicationContext ui, ProtectionLevel level) {
		return of(ui.getBean(TimeLimiterRegistry.class), level);
	}

	/**
	 * The bound a test puts on an answer at the level: twice its deadline, room for a
	 * busy machine, yet far below any hang.
	 */
	public static Duration twiceOf(TimeLimiterRegistry timeLimiters, ProtectionLevel level) {
		return of(timeLimiters, level).multipliedBy(2);
	}

	/** {@link #twiceOf(TimeLimiterRegistry, ProtectionLevel)} in the UI's context. */
	public static Duration twiceOf(ApplicationContext ui, ProtectionLevel level) {
		return twiceOf(ui.getBean(TimeLimiterRegistry.class), level);
	}

	/**
	 * The deadline as written in {@code application.yml}, not as any registry built it:
	 * what a component that builds its own time limiter must end up with.
	 */
	public static Duration configured(Environment environment) {
		return environment.getRequiredProperty(PROPERTY, Duration.class);
	}

}
