package dev.faultline.ui.message;

import dev.faultline.ui.backend.FailureReason;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.Source;

import org.springframework.lang.Nullable;

/**
 * Published (as a Spring application event) each time a feed read is answered, so
 * observers such as the live dashboard can chart request rate, outcome and latency per
 * level without the feed knowing about them.
 *
 * @param level the level the read went through
 * @param source live, cache or none; {@code null} when the unprotected level passed the
 * failure on to the user
 * @param reason why the live call failed; {@code null} when live
 * @param elapsedMs how long the user waited
 * @param replica the backend replica that answered live, {@code host:port}; {@code null}
 * unless live
 */
public record FeedServed(ProtectionLevel level, @Nullable Source source, @Nullable FailureReason reason, long elapsedMs,
		@Nullable String replica) {

	/** A read no replica answered live. */
	public FeedServed(ProtectionLevel level, @Nullable Source source, @Nullable FailureReason reason, long elapsedMs) {
		this(level, source, reason, elapsedMs, null);
	}

	/** Whether the user got no messages at all (an error, or "unavailable"). */
	public boolean failed() {
		return this.source == null || this.source == Source.NONE;
	}

}
