package dev.faultline.ui.message;

import java.util.List;
import java.util.concurrent.ExecutionException;

import dev.faultline.ui.backend.BackendRejectedException;
import dev.faultline.ui.backend.FailureReasons;
import dev.faultline.ui.backend.NewMessage;
import dev.faultline.ui.backend.Posted;
import dev.faultline.ui.backend.Replica;
import dev.faultline.ui.resilience.BackendCall;
import dev.faultline.ui.resilience.BackendCalls;
import dev.faultline.ui.resilience.Delivery;
import dev.faultline.ui.resilience.MessageClients;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.Source;
import dev.faultline.ui.system.Violation;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;

/**
 * Reads and posts messages through the client of the chosen level, and turns the outcome
 * into what the page and the feed show. Protected levels always answer (live, cached or
 * unavailable); level {@code none} lets the failure through.
 */
@Service
class FeedService {

	/** How many messages the page shows. */
	static final int LIMIT = 20;

	private final MessageClients clients;

	private final BackendCalls calls;

	private final ApplicationEventPublisher events;

	FeedService(MessageClients clients, BackendCalls calls, ApplicationEventPublisher events) {
		this.clients = clients;
		this.calls = calls;
		this.events = events;
	}

	/** The newest messages at the level, with where they came from. */
	Feed feed(ProtectionLevel level) {
		long start = System.nanoTime();
		try (BackendCall call = this.calls.open(level)) {
			Delivery delivery;
			try {
				delivery = this.clients.at(level).newest(LIMIT, call).get();
			}
			catch (ExecutionException | RuntimeException ex) {
				Throwable failure = FailureReasons.unwrap(ex);
				if (level == ProtectionLevel.NONE) {
					long elapsedMs = elapsedMs(start);
					this.events.publishEvent(new FeedServed(level, null, FailureReasons.of(failure), elapsedMs));
					throw new UnprotectedCallFailedException(FailureReasons.of(failure), elapsedMs, failure);
				}
				// A protected level without a cache: the user gets a friendly
				// "unavailable", never an error.
				delivery = Delivery.unavailable(FailureReasons.of(failure));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the backend", ex);
			}
			Replica replica = (delivery.source() == Source.LIVE) ? call.answeredBy() : null;
			Feed feed = new Feed(level, delivery.source(), delivery.reason(), delivery.ageMs(), call.attempts(),
					elapsedMs(start), (replica != null) ? replica.id() : null, delivery.messages());
			this.events
				.publishEvent(new FeedServed(level, feed.source(), feed.reason(), feed.elapsedMs(), feed.replica()));
			return feed;
		}
	}

	/** Posts the message; the key makes the post safe to retry and to submit twice. */
	Posted post(ProtectionLevel level, NewMessage message, @Nullable String idempotencyKey) {
		try (BackendCall call = this.calls.open(level)) {
			return this.clients.at(level).create(message, idempotencyKey, call).get();
		}
		catch (ExecutionException | RuntimeException ex) {
			Throwable failure = FailureReasons.unwrap(ex);
			List<Violation> errors = (failure instanceof BackendRejectedException rejected) ? rejected.errors()
					: List.of();
			throw new PostFailedException(FailureReasons.of(failure), errors, failure);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the backend", ex);
		}
	}

	private static long elapsedMs(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
