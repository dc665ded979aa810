package dev.faultline.ui.resilience;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;

/**
 * The level table: the protection levels the talk builds up through, from no protection
 * to every pattern, each with its id and the client class that implements it. What a
 * level does is not written here: its {@link #patterns()} are read from the Resilience4j
 * annotations on its client class, the one place a level's protection is declared. Each
 * annotation names the level's {@link #id()} as its instance, so levels never share
 * state, and an unlisted instance takes {@code configs.default} from
 * {@code application.yml}.
 *
 * <p>
 * A new level needs a constant here (and in {@link Names}), its client class, and its
 * labels in {@code messages.properties}.
 */
public enum ProtectionLevel {

	/** The baseline: what a plain HTTP call does when the backend misbehaves. */
	NONE(Names.NONE, UnprotectedMessageClient.class),

	/** Turns a hang into a fast failure, which still reaches the user. */
	TIMEOUT(Names.TIMEOUT, TimeoutMessageClient.class),

	/** Hides transient failures, without multiplying the load during an outage. */
	RETRY(Names.RETRY, RetryMessageClient.class),

	/** Stops calling a backend that keeps failing, and notices when it is back. */
	CIRCUIT_BREAKER(Names.CIRCUIT_BREAKER, CircuitBreakerMessageClient.class),

	/** Answers with old data, its age and the reason, instead of an error. */
	FALLBACK(Names.FALLBACK, FallbackMessageClient.class),

	/**
	 * Keeps a hanging backend from taking the UI's request threads: the talk's answer.
	 */
	FULL(Names.FULL, FullMessageClient.class);

	/** The level used when a request names none: {@link Names#DEFAULT}. */
	public static final ProtectionLevel DEFAULT = fromId(Names.DEFAULT).orElseThrow();

	private final String id;

	private final Class<? extends MessageClient> clientType;

	private final Set<ResiliencePattern> patterns;

	ProtectionLevel(String id, Class<? extends MessageClient> clientType) {
		this.id = id;
		this.clientType = clientType;
		this.patterns = Collections.unmodifiableSet(patternsDeclaredOn(clientType, id));
	}

	/**
	 * The level's name in URLs, JSON and on the page, such as {@code circuit-breaker};
	 * also the name of each of its Resilience4j instances.
	 */
	@JsonValue
	public String id() {
		return this.id;
	}

	/** The client class whose annotations are this level. */
	Class<? extends MessageClient> clientType() {
		return this.clientType;
	}

	/** The patterns this level uses, as its client's annotations declare them. */
	public Set<ResiliencePattern> patterns() {
		return this.patterns;
	}

	/** Whether this level uses the pattern. */
	public boolean uses(ResiliencePattern pattern) {
		return this.patterns.contains(pattern);
	}

	/** The level with this id, if any. */
	public static Optional<ProtectionLevel> fromId(String id) {
		return Arrays.stream(values()).filter((level) -> level.id.equals(id)).findFirst();
	}

	/** Every level's id, comma-separated, for error messages. */
	public static String allowedIds() {
		return Arrays.stream(values()).map(ProtectionLevel::id).collect(Collectors.joining(", "));
	}

	/**
	 * Reads the patterns off the client's methods; an annotation that names another
	 * instance than the level's id is a mistake that would share state between levels, so
	 * it stops the application here.
	 */
	static EnumSet<ResiliencePattern> patternsDeclaredOn(Class<?> clientType, String id) {
		EnumSet<ResiliencePattern> patterns = EnumSet.noneOf(ResiliencePattern.class);
		for (Method method : clientType.getDeclaredMethods()) {
			patterns.addAll(patternsDeclaredOn(method, id));
		}
		return patterns;
	}

	/** The patterns one method's annotations declare, checked as above. */
	static EnumSet<ResiliencePattern> patternsDeclaredOn(Method method, String id) {
		EnumSet<ResiliencePattern> patterns = EnumSet.noneOf(ResiliencePattern.class);
		for (Annotation annotation : method.getAnnotations()) {
			Declared declared = Declared.of(annotation);
			if (declared == null) {
				continue;
			}
			if (!declared.name().equals(id)) {
				throw new IllegalStateException(method.getDeclaringClass().getSimpleName() + "." + method.getName()
						+ " names the " + declared.pattern() + " instance '" + declared.name() + "', but its level is '"
						+ id + "'");
			}
			patterns.add(declared.pattern());
			if (!declared.fallbackMethod().isEmpty()) {
				patterns.add(ResiliencePattern.FALLBACK);
			}
		}
		return patterns;
	}

	/**
	 * The level ids as compile-time constants, for annotation attributes such as
	 * {@code @CircuitBreaker(name = Names.FULL)} and {@code @RequestParam} defaults.
	 */
	public static final class Names {

		/** The id of {@link ProtectionLevel#NONE}. */
		public static final String NONE = "none";

		/** The id of {@link ProtectionLevel#TIMEOUT}. */
		public static final String TIMEOUT = "timeout";

		/** The id of {@link ProtectionLevel#RETRY}. */
		public static final String RETRY = "retry";

		/** The id of {@link ProtectionLevel#CIRCUIT_BREAKER}. */
		public static final String CIRCUIT_BREAKER = "circuit-breaker";

		/** The id of {@link ProtectionLevel#FALLBACK}. */
		public static final String FALLBACK = "fallback";

		/** The id of {@link ProtectionLevel#FULL}. */
		public static final String FULL = "full";

		/**
		 * The level used when a request names none, written once: the one the talk ends
		 * on, and the one the dashboard opens with.
		 */
		public static final String DEFAULT = FULL;

		private Names() {
		}

	}

	/** One Resilience4j annotation as the level table reads it. */
	private record Declared(ResiliencePattern pattern, String name, String fallbackMethod) {

		static Declared of(Annotation annotation) {
			if (annotation instanceof TimeLimiter timeLimiter) {
				return new Declared(ResiliencePattern.TIME_LIMITER, timeLimiter.name(), timeLimiter.fallbackMethod());
			}
			if (annotation instanceof Retry retry) {
				return new Declared(ResiliencePattern.RETRY, retry.name(), retry.fallbackMethod());
			}
			if (annotation instanceof CircuitBreaker breaker) {
				return new Declared(ResiliencePattern.CIRCUIT_BREAKER, breaker.name(), breaker.fallbackMethod());
			}
			if (annotation instanceof Bulkhead bulkhead) {
				return new Declared(ResiliencePattern.BULKHEAD, bulkhead.name(), bulkhead.fallbackMethod());
			}
			if (annotation instanceof Hedge hedge) {
				return new Declared(ResiliencePattern.HEDGE, hedge.name(), "");
			}
			return null;
		}

	}

}
