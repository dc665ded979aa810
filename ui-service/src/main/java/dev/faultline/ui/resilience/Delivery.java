package dev.faultline.ui.resilience;

import java.util.List;

import dev.faultline.ui.backend.FailureReason;
import dev.faultline.ui.backend.Message;

import org.springframework.lang.Nullable;

/**
 * What a level's client delivers for a read: the messages and where they came from.
 *
 * @param source live, cache or none
 * @param reason why the live call failed; {@code null} when live
 * @param ageMs how old the cached messages are; {@code null} unless served from cache
 * @param messages newest first; empty when the source is none
 */
public record Delivery(Source source, @Nullable FailureReason reason, @Nullable Long ageMs, List<Message> messages) {

	/** Messages fetched from the backend just now. */
	public static Delivery live(List<Message> messages) {
		return new Delivery(Source.LIVE, null, null, messages);
	}

	/**
	 * Messages from the last-known-good cache, with their age and why the live call
	 * failed.
	 */
	public static Delivery cached(List<Message> messages, FailureReason reason, long ageMs) {
		return new Delivery(Source.CACHE, reason, ageMs, messages);
	}

	/** No messages at all: the live call failed and nothing was cached. */
	public static Delivery unavailable(FailureReason reason) {
		return new Delivery(Source.NONE, reason, null, List.of());
	}

}
