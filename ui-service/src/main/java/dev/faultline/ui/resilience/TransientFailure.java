package dev.faultline.ui.resilience;

import java.util.function.Predicate;

import dev.faultline.ui.backend.BackendException;
import dev.faultline.ui.backend.FailureReasons;

/**
 * Decides which failures the retry repeats: only a {@link BackendException} that is
 * transient (IO error, per-attempt timeout, 5xx) and safe to repeat (a read, or a write
 * with an Idempotency-Key). Never a 4xx, never an open breaker's
 * {@code CallNotPermittedException}, never a full executor: repeating those cannot help.
 *
 * <p>
 * Named in {@code application.yml} as {@code retryExceptionPredicate}, so Resilience4j
 * creates it itself.
 */
public class TransientFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		return FailureReasons.unwrap(failure) instanceof BackendException backend && backend.isTransient();
	}

}
