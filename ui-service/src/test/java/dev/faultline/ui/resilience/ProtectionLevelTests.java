package dev.faultline.ui.resilience;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.faultline.ui.backend.NewMessage;
import dev.faultline.ui.backend.Posted;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ProtectionLevel}, the level table: what each level does is read from
 * its client's annotations, and the levels build up one pattern at a time.
 */
class ProtectionLevelTests {

	@Test
	void eachLevelAddsExactlyOnePatternForEveryCallToThePrevious() {
		ProtectionLevel[] levels = ProtectionLevel.values();
		assertThat(levels[0].patterns()).isEmpty();
		for (int i = 1; i < levels.length; i++) {
			assertThat(forEveryCall(levels[i])).containsAll(forEveryCall(levels[i - 1]))
				.hasSize(forEveryCall(levels[i - 1]).size() + 1);
		}
	}

	@Test
	void onlyTheTopLevelHedgesAndOnlyItsReads() throws Exception {
		assertThat(ProtectionLevel.values()).filteredOn((level) -> level.uses(ResiliencePattern.HEDGE))
			.containsExactly(ProtectionLevel.FULL);
		assertThat(FullMessageClient.class.getMethod("newest", int.class, BackendCall.class).getAnnotation(Hedge.class))
			.isNotNull();
		assertThat(FullMessageClient.class.getMethod("create", NewMessage.class, String.class, BackendCall.class)
			.getAnnotation(Hedge.class)).isNull();
	}

	@Test
	void theTalksLevelsUseThePatternsTheirNamesPromise() {
		assertThat(ProtectionLevel.TIMEOUT.patterns()).containsExactly(ResiliencePattern.TIME_LIMITER);
		assertThat(ProtectionLevel.CIRCUIT_BREAKER.patterns()).contains(ResiliencePattern.CIRCUIT_BREAKER);
		assertThat(ProtectionLevel.FALLBACK.patterns()).contains(ResiliencePattern.FALLBACK)
			.doesNotContain(ResiliencePattern.BULKHEAD);
		assertThat(ProtectionLevel.FULL.patterns()).isEqualTo(EnumSet.allOf(ResiliencePattern.class));
	}

	@Test
	void everyAnnotationOnAClientNamesItsLevelsInstance() {
		for (ProtectionLevel level : ProtectionLevel.values()) {
			for (Method method : level.clientType().getDeclaredMethods()) {
				TimeLimiter timeLimiter = method.getAnnotation(TimeLimiter.class);
				Retry retry = method.getAnnotation(Retry.class);
				CircuitBreaker breaker = method.getAnnotation(CircuitBreaker.class);
				Bulkhead bulkhead = method.getAnnotation(Bulkhead.class);
				Hedge hedge = method.getAnnotation(Hedge.class);
				assertThat((timeLimiter != null) ? timeLimiter.name() : level.id()).isEqualTo(level.id());
				assertThat((retry != null) ? retry.name() : level.id()).isEqualTo(level.id());
				assertThat((breaker != null) ? breaker.name() : level.id()).isEqualTo(level.id());
				assertThat((bulkhead != null) ? bulkhead.name() : level.id()).isEqualTo(level.id());
				assertThat((hedge != null) ? hedge.name() : level.id()).isEqualTo(level.id());
			}
		}
	}

	@Test
	void bothMethodsOfAClientAreProtectedAlike() {
		for (ProtectionLevel level : ProtectionLevel.values()) {
			EnumSet<ResiliencePattern> newest = EnumSet.noneOf(ResiliencePattern.class);
			EnumSet<ResiliencePattern> create = EnumSet.noneOf(ResiliencePattern.class);
			for (Method method : level.clientType().getDeclaredMethods()) {
				EnumSet<ResiliencePattern> into = switch (method.getName()) {
					case "newest" -> newest;
					case "create" -> create;
					default -> EnumSet.noneOf(ResiliencePattern.class);
				};
				into.addAll(ProtectionLevel.patternsDeclaredOn(method, level.id()));
			}
			// The cache answers reads only, and only reads are hedged (a post is sent
			// once).
			newest.remove(ResiliencePattern.FALLBACK);
			newest.remove(ResiliencePattern.HEDGE);
			assertThat(create).as(level.id()).isEqualTo(newest);
		}
	}

	@Test
	void anAnnotationNamingAnotherLevelsInstanceIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ProtectionLevel.patternsDeclaredOn(BorrowsAnotherLevelsBreaker.class, "retry"))
			.withMessageContaining("names the CIRCUIT_BREAKER instance 'full', but its level is 'retry'");
	}

	@Test
	void idsAreUniqueAndReadBack() {
		assertThat(Arrays.stream(ProtectionLevel.values()).map(ProtectionLevel::id)).doesNotHaveDuplicates();
		for (ProtectionLevel level : ProtectionLevel.values()) {
			assertThat(ProtectionLevel.fromId(level.id())).contains(level);
		}
		assertThat(ProtectionLevel.fromId("FULL")).isEmpty();
		assertThat(ProtectionLevel.DEFAULT.id()).isEqualTo(ProtectionLevel.Names.DEFAULT);
	}

	/** The level's patterns without hedging, which is for reads only. */
	private static Set<ResiliencePattern> forEveryCall(ProtectionLevel level) {
		EnumSet<ResiliencePattern> patterns = EnumSet.noneOf(ResiliencePattern.class);
		patterns.addAll(level.patterns());
		patterns.remove(ResiliencePattern.HEDGE);
		return patterns;
	}

	/** A client that shares level full's breaker by mistake. */
	static class BorrowsAnotherLevelsBreaker {

		@Retry(name = "retry")
		@CircuitBreaker(name = "full")
		CompletableFuture<Posted> create(NewMessage message) {
			return CompletableFuture.completedFuture(null);
		}

	}

}
