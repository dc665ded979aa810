package dev.faultline.ui.backend;

import java.time.Instant;

/**
 * A message as the backend returns it.
 *
 * @param id assigned by the backend
 * @param author who wrote it
 * @param text what they wrote; always rendered escaped
 * @param createdAt when the backend stored it
 */
public record Message(long id, String author, String text, Instant createdAt) {
}
