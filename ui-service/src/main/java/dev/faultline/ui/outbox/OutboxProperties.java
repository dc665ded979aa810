package dev.faultline.ui.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the outbox (on whenever {@code faultline.shared.enabled} is: it needs the
 * same Redis). Each value, and why it is what it is, is written once: in
 * {@code application.yml}.
 *
 * @param stream the Redis Stream the queued posts are appended to
 * @param posts the Redis hash that holds each queued post, by its Idempotency-Key
 * @param group the consumer group every replica's deliverer reads the stream in
 * @param pollInterval how often the deliverer looks for posts to deliver
 * @param batch how many posts one look takes at most
 * @param firstBackoff the wait after a post's first failed delivery; doubled after each
 * @param maxBackoff the longest wait between two deliveries of one post
 * @param claimAfter a post another replica took and has not settled for this long is
 * taken over (that replica may have died between delivering and acknowledging)
 * @param maxAge a post not delivered after this long is marked failed and shown so
 * @param maxWaiting the most posts that may wait for delivery, across all replicas; a
 * post beyond it is refused, and the form comes back with it
 * @param listed how many of the waiting posts the page lists, newest first; it counts the
 * rest
 */
@Validated
@ConfigurationProperties("faultline.outbox")
public record OutboxProperties(@NotBlank String stream, @NotBlank String posts, @NotBlank String group,
		@NotNull Duration pollInterval, @Min(1) int batch, @NotNull Duration firstBackoff, @NotNull Duration maxBackoff,
		@NotNull Duration claimAfter, @NotNull Duration maxAge, @Min(1) int maxWaiting, @Min(1) int listed) {

	/** The wait before delivery attempt {@code attempts + 1}. */
	Duration backoffAfter(int attempts) {
		Duration wait = this.firstBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

}
