package dev.faultline.ui.verdict;

import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnErrorEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnResetEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnSuccessEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one circuit breaker on a run of failures, judged by a {@link ConsecutiveFailures}
 * fed with the breaker's own events: the rules that the levels' breakers and the
 * replicas' breakers share, written once. Only while the breaker is closed: a recorded
 * failure extends the run, a success breaks it, and what the breaker ignores or did not
 * permit neither counts nor breaks it; every state change and every reset starts the run
 * over.
 *
 * <p>
 * The trip is {@link CircuitBreaker#transitionToOpenState()}, an ordinary transition, so
 * its event reaches every consumer as any opening does. Resilience4j delivers the events
 * on the thread of the call, in the middle of recording it; nothing here may throw (an
 * exception would end the event's delivery to the consumers after this one), so a failure
 * is logged and the call goes on.
 */
public final class FailureRunTrip {

	private static final Logger logger = LoggerFactory.getLogger(FailureRunTrip.class);

	private final CircuitBreaker breaker;

	private final ConsecutiveFailures verdict;

	private final Consumer<Throwable> onRun;

	private final Consumer<CircuitBreakerOnStateTransitionEvent> onTransition;

	private FailureRunTrip(CircuitBreaker breaker, ConsecutiveFailures verdict, Consumer<Throwable> onRun,
			Consumer<CircuitBreakerOnStateTransitionEvent> onTransition) {
		this.breaker = breaker;
		this.verdict = verdict;
		this.onRun = onRun;
		this.onTransition = onTransition;
	}

	/**
	 * Watches the breaker's events with the verdict.
	 * @param onRun told the last failure of a run, just before the breaker opens (to log
	 * it, or to say why)
	 * @param onTransition told every state change, after the run is forgotten
	 */
	public static void watch(CircuitBreaker breaker, ConsecutiveFailures verdict, Consumer<Throwable> onRun,
			Consumer<CircuitBreakerOnStateTransitionEvent> onTransition) {
		FailureRunTrip trip = new FailureRunTrip(breaker, verdict, onRun, onTransition);
		breaker.getEventPublisher().onEvent(trip::judge);
	}

	private void judge(CircuitBreakerEvent event) {
		try {
			if (event instanceof CircuitBreakerOnStateTransitionEvent transition) {
				this.verdict.forget();
				this.onTransition.accept(transition);
				return;
			}
			if (event instanceof CircuitBreakerOnResetEvent) {
				this.verdict.forget();
				return;
			}
			if (this.breaker.getState() != CircuitBreaker.State.CLOSED) {
				return;
			}
			if (event instanceof CircuitBreakerOnErrorEvent error) {
				if (this.verdict.failed()) {
					this.onRun.accept(error.getThrowable());
					open();
				}
			}
			else if (event instanceof CircuitBreakerOnSuccessEvent) {
				this.verdict.succeeded();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Circuit breaker {}: the consecutive-failures verdict failed; the call is not affected",
					this.breaker.getName(), ex);
		}
	}

	private void open() {
		try {
			this.breaker.transitionToOpenState();
		}
		catch (IllegalStateTransitionException ex) {
			// It left CLOSED meanwhile (its rate window, or a peer's verdict): already
			// done.
		}
	}

}
