package dev.faultline.backend.message;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A stored message, as persisted and as returned by the API.
 *
 * @param id assigned by the database
 * @param author who wrote it, 1 to 40 characters
 * @param text what they wrote, 1 to 280 characters
 * @param createdAt when the backend stored it
 */
@Table("MESSAGES")
record Message(@Id Long id, String author, String text, Instant createdAt) {

	static Message newMessage(NewMessage request, Instant now) {
		return new Message(null, request.author(), request.text(), now);
	}

}
