package dev.faultline.backend.chaos;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.Range;

/**
 * The chaos API's settings as typed records, one per group of settings, each checked by
 * Bean Validation: a fault's own settings, which requests it selects and where, and how
 * long it stays. {@link FaultSpecReader} binds the query and body values into them (each
 * value must have its type) and validates them; a setting that is absent is {@code null}
 * and takes its default, written next to its bounds ({@code ...OrDefault()}). The
 * README's Chaos API tables list the same ranges and defaults.
 */
final class FaultSettings {

	/** The longest a single request may be held or delayed: 10 minutes. */
	static final long MAX_WAIT_MS = 600_000;

	/**
	 * The shortest a fault may stay: anything shorter is gone before anyone could see it.
	 */
	static final Duration MIN_DURATION = Duration.ofSeconds(1);

	/** The longest a fault may stay. */
	static final Duration MAX_DURATION = Duration.ofHours(1);

	/** The longest a flap phase may last: the longest a fault may stay. */
	static final long MAX_PHASE_MS = 3_600_000;

	private FaultSettings() {
	}

	/**
	 * {@code hang}.
	 *
	 * @param maxMs how long a request is held at most
	 */
	record Hang(@Range(min = 1, max = MAX_WAIT_MS) Long maxMs) {

		/** Without {@code maxMs}: as long as any request may be held. */
		long maxMsOrDefault() {
			return (this.maxMs != null) ? this.maxMs : MAX_WAIT_MS;
		}

	}

	/**
	 * {@code latency}: a fixed delay, or one drawn from a range.
	 *
	 * @param ms the fixed delay
	 * @param minMs the shortest delay
	 * @param maxMs the longest delay
	 */
	record Latency(@Range(min = 0, max = MAX_WAIT_MS) Long ms, @Range(min = 0, max = MAX_WAIT_MS) Long minMs,
			@Range(min = 0, max = MAX_WAIT_MS) Long maxMs) {
	}

	/**
	 * {@code error}.
	 *
	 * @param status the status answered
	 * @param retryAfter the {@code Retry-After} seconds, with 429 or 503
	 */
	record Error(@Range(min = 400, max = 599) Long status, @Range(min = 0, max = 86_400) Long retryAfter) {

		/** Without {@code status}: 500. */
		long statusOrDefault() {
			return (this.status != null) ? this.status : 500L;
		}

	}

	/**
	 * {@code slow-body}.
	 *
	 * @param chunkBytes bytes per chunk
	 * @param chunkDelayMs pause between chunks
	 */
	record SlowBody(@Range(min = 1, max = 65_536) Long chunkBytes, @Range(min = 1, max = 60_000) Long chunkDelayMs) {

		/** Without {@code chunkBytes}: 16 bytes a chunk. */
		long chunkBytesOrDefault() {
			return (this.chunkBytes != null) ? this.chunkBytes : 16L;
		}

		/** Without {@code chunkDelayMs}: half a second between chunks. */
		long chunkDelayMsOrDefault() {
			return (this.chunkDelayMs != null) ? this.chunkDelayMs : 500L;
		}

	}

	/**
	 * {@code crash}.
	 *
	 * @param delayMs how long after the answer the process exits
	 */
	record Crash(@Range(min = 0, max = 60_000) Long delayMs) {

		/** Without {@code delayMs}: a second after the answer. */
		long delayMsOrDefault() {
			return (this.delayMs != null) ? this.delayMs : 1_000L;
		}

	}

	/**
	 * {@code flap}: its phases. Its {@code kind}, the fault of the failing phase, is read
	 * first, because it decides which other settings are allowed.
	 *
	 * @param upMs the healthy phase
	 * @param downMs the failing phase
	 */
	record Flap(@Range(min = 1, max = MAX_PHASE_MS) Long upMs, @Range(min = 1, max = MAX_PHASE_MS) Long downMs) {

		/** Without {@code upMs}: 5 seconds healthy. */
		long upMsOrDefault() {
			return (this.upMs != null) ? this.upMs : 5_000L;
		}

		/** Without {@code downMs}: 5 seconds failing. */
		long downMsOrDefault() {
			return (this.downMs != null) ? this.downMs : 5_000L;
		}

	}

	/**
	 * Which requests a per-request fault hits: one selector at most, and a scope.
	 *
	 * @param rate the probability of a hit
	 * @param seed the seed of the random draws, with {@code rate}
	 * @param everyNth every n-th request
	 * @param firstN the first n requests
	 * @param methods the HTTP methods in scope
	 * @param paths the path patterns in scope
	 */
	record Selection(
			@DecimalMin(value = "0", inclusive = false,
					message = "must be more than 0 (0 would select no request)") @DecimalMax(value = "1",
							message = "must be at most 1") Double rate,
			Long seed, @Range(min = 1, max = 1_000_000) Long everyNth, @Range(min = 1, max = 1_000_000) Long firstN,
			List<@Pattern(regexp = "GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS",
					message = "must be HTTP methods in capitals among GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS") String> methods,
			List<@PathPattern String> paths) {
	}

	/**
	 * How long a fault stays.
	 *
	 * @param duration from installation to removal
	 */
	record Lifetime(@Lasting Duration duration) {
	}

	/**
	 * A path pattern the fault's scope can use: {@link Scope#problemWith} finds nothing
	 * wrong with it.
	 */
	@Documented
	@Constraint(validatedBy = PathPattern.Validator.class)
	@Target(ElementType.TYPE_USE)
	@Retention(RetentionPolicy.RUNTIME)
	@interface PathPattern {

		String message() default "must be a path pattern starting with /, such as /api/** or /api/messages/*";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		/** Checks {@link PathPattern}, with the reason as the message. */
		class Validator implements ConstraintValidator<PathPattern, String> {

			@Override
			public boolean isValid(String pattern, ConstraintValidatorContext context) {
				if (pattern == null) {
					return true;
				}
				String problem = pattern.startsWith("/") ? Scope.problemWith(pattern) : null;
				if (problem != null) {
					context.disableDefaultConstraintViolation();
					context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("}", "\\}"))
						.addConstraintViolation();
				}
				return pattern.startsWith("/") && problem == null;
			}

		}

	}

	/**
	 * A fault's duration: at least 1 second (anything shorter is gone before anyone sees
	 * it), at most 1 hour.
	 */
	@Documented
	@Constraint(validatedBy = Lasting.Validator.class)
	@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER })
	@Retention(RetentionPolicy.RUNTIME)
	@interface Lasting {

		String message() default "must be at least 1s and at most 1h";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		/** Checks {@link Lasting}. */
		class Validator implements ConstraintValidator<Lasting, Duration> {

			@Override
			public boolean isValid(Duration duration, ConstraintValidatorContext context) {
				return duration == null
						|| (duration.compareTo(MIN_DURATION) >= 0 && duration.compareTo(MAX_DURATION) <= 0);
			}

		}

	}

}
