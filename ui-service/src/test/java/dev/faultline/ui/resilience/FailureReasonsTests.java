package dev.faultline.ui.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import dev.faultline.ui.backend.BackendExceptionsForTests;
import dev.faultline.ui.backend.FailureReason;
import dev.faultline.ui.backend.FailureReasons;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FailureReasons} and {@link TransientFailure}: what users are told, and
 * what is retried.
 */
class FailureReasonsTests {

	private final TransientFailure transientFailure = new TransientFailure();

	@Test
	void mapsEachFailureToTheReasonUsersSee() {
		assertThat(FailureReasons.of(new TimeoutException())).isEqualTo(FailureReason.TIMEOUT);
		assertThat(FailureReasons.of(new CompletionException(new TimeoutException()))).isEqualTo(FailureReason.TIMEOUT);
		assertThat(FailureReasons
			.of(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x"))))
			.isEqualTo(FailureReason.CIRCUIT_OPEN);
		assertThat(FailureReasons.of(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("x"))))
			.isEqualTo(FailureReason.BULKHEAD_FULL);
		assertThat(FailureReasons.of(new RejectedExecutionException())).isEqualTo(FailureReason.ATTEMPT_POOL_FULL);
		assertThat(FailureReasons.of(BackendExceptionsForTests.unavailable(new ConnectException())))
			.isEqualTo(FailureReason.REFUSED);
		assertThat(FailureReasons.of(BackendExceptionsForTests.unavailable(new HttpTimeoutException("slow"))))
			.isEqualTo(FailureReason.TIMEOUT);
		assertThat(FailureReasons.of(BackendExceptionsForTests.unavailable(new IOException("reset"))))
			.isEqualTo(FailureReason.BACKEND_ERROR);
		assertThat(FailureReasons.of(BackendExceptionsForTests.serverError(503, true)))
			.isEqualTo(FailureReason.BACKEND_ERROR);
	}

	@Test
	void retriesOnlyTransientFailuresThatAreSafeToRepeat() {
		assertThat(this.transientFailure.test(BackendExceptionsForTests.serverError(503, true))).isTrue();
		assertThat(this.transientFailure
			.test(new CompletionException(BackendExceptionsForTests.unavailable(new IOException())))).isTrue();
		assertThat(this.transientFailure.test(BackendExceptionsForTests.serverError(503, false))).as("POST without key")
			.isFalse();
		assertThat(this.transientFailure.test(BackendExceptionsForTests.rejected(404))).isFalse();
		assertThat(this.transientFailure
			.test(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x")))).isFalse();
		assertThat(this.transientFailure.test(new RejectedExecutionException())).isFalse();
		assertThat(this.transientFailure.test(new CallAbandonedException())).isFalse();
	}

}
