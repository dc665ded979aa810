package dev.faultline.ui.shared;

import java.time.Clock;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.ui.resilience.BreakerOrigin;
import dev.faultline.ui.resilience.ProtectionLevel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Shares each level's circuit-breaker verdict with the other UI replicas through a Redis
 * Pub/Sub channel. When this replica's breaker opens, it tells the others, whose breaker
 * for that level opens at once without paying for the lesson with backend calls of their
 * own; when it closes after successful trial calls, the others move on to half-open, so
 * they try the backend again at once instead of waiting out their open state.
 *
 * <p>
 * The price, on purpose: a failure one replica saw on one path is assumed by all. That is
 * right for a shared dependency (one backend behind every replica), and each replica
 * still decides for itself after its own wait: a peer's verdict opens a breaker, it never
 * keeps it open.
 *
 * <p>
 * Nothing here is on the request path. A transition is only handed to a bounded,
 * single-thread writer (the Redis call, with its own short timeout, happens there); a
 * peer's verdict arrives on the listener container's thread. Half-open is never shared:
 * each replica probes the backend itself.
 */
class BreakerSharing implements MessageListener {

	private static final Log logger = LogFactory.getLog(BreakerSharing.class);

	private final SharedProperties properties;

	private final StringRedisTemplate redis;

	private final Executor writer;

	private final ObjectMapper json;

	private final ObjectProvider<CircuitBreakerRegistry> breakers;

	private final SharedLink link;

	private final Clock clock;

	BreakerSharing(SharedProperties properties, StringRedisTemplate redis, Executor writer, ObjectMapper json,
			ObjectProvider<CircuitBreakerRegistry> breakers, SharedLink link, Clock clock) {
		this.properties = properties;
		this.redis = redis;
		this.writer = writer;
		this.json = json;
		this.breakers = breakers;
		this.link = link;
		this.clock = clock;
	}

	/**
	 * Every event of a level's breaker, through {@code LevelEvents} (see
	 * {@link SharedBreakerConfiguration}); only this replica's own state transitions go
	 * out.
	 */
	void breakerEvent(ProtectionLevel level, CircuitBreakerEvent breakerEvent) {
		if (!(breakerEvent instanceof CircuitBreakerOnStateTransitionEvent event)) {
			return;
		}
		if (BreakerOrigin.peer().isPresent()) {
			// A peer's verdict being applied here: it was told already.
			return;
		}
		State to = event.getStateTransition().getToState();
		if (to != State.OPEN && to != State.CLOSED) {
			return;
		}
		BreakerVerdict verdict = new BreakerVerdict(this.properties.replicaId(), level.id(), to.name(),
				this.clock.millis());
		this.writer.execute(() -> publish(verdict));
	}

	private void publish(BreakerVerdict verdict) {
		try {
			this.redis.convertAndSend(this.properties.channel(), this.json.writeValueAsString(verdict));
			this.link.connected();
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A breaker verdict could not be written as JSON", ex);
		}
		catch (RuntimeException ex) {
			// Redis down or hanging: this replica's breakers carry on by themselves.
			this.link.localOnly(SharedLinkCheck.describe(ex));
			logger.debug("Breaker verdict not shared: " + verdict, ex);
		}
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		BreakerVerdict verdict;
		try {
			verdict = this.json.readValue(message.getBody(), BreakerVerdict.class);
		}
		catch (java.io.IOException ex) {
			logger.warn("Ignored a message on " + this.properties.channel() + " that is not a breaker verdict");
			return;
		}
		if (verdict.replica() == null || verdict.replica().equals(this.properties.replicaId())) {
			return;
		}
		long age = this.clock.millis() - verdict.at();
		if (age > this.properties.verdictMaxAge().toMillis()) {
			// Held up (Redis paused, a backlog): the backend may have changed since.
			logger.debug("Dropped a stale breaker verdict (" + age + " ms old): " + verdict);
			return;
		}
		ProtectionLevel.fromId(verdict.level())
			.flatMap((level) -> this.breakers.getObject().find(level.id()))
			.ifPresent((breaker) -> follow(breaker, verdict));
	}

	private void follow(CircuitBreaker breaker, BreakerVerdict verdict) {
		State now = breaker.getState();
		try {
			if ("OPEN".equals(verdict.state()) && (now == State.CLOSED || now == State.HALF_OPEN)) {
				BreakerOrigin.applyFrom(verdict.replica(), breaker::transitionToOpenState);
			}
			else if ("CLOSED".equals(verdict.state()) && now == State.OPEN) {
				BreakerOrigin.applyFrom(verdict.replica(), breaker::transitionToHalfOpenState);
			}
		}
		catch (IllegalStateTransitionException ex) {
			// The breaker moved by itself in the meantime: its own verdict is newer.
		}
	}

}
