package dev.faultline.ui.system;

import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives the pages the deadline of a protected read as set in {@code application.yml} (the
 * time limiters' {@code configs.default}), so that the level hints state it rather than
 * re-type it.
 */
@ControllerAdvice
class DeadlineModelAttribute {

	static final String NAME = "deadlineSeconds";

	private final TimeLimiterRegistry timeLimiters;

	DeadlineModelAttribute(TimeLimiterRegistry timeLimiters) {
		this.timeLimiters = timeLimiters;
	}

	/** The deadline in seconds, the argument of the level hints. */
	@ModelAttribute(NAME)
	double deadlineSeconds() {
		return this.timeLimiters.getDefaultConfig().getTimeoutDuration().toMillis() / 1000.0;
	}

}
