package dev.faultline.ui.backend;

/**
 * The backend's answer to a create request.
 *
 * @param message the stored message
 * @param replayed {@code true} when the backend recognised the Idempotency-Key and stored
 * nothing new
 */
public record Posted(Message message, boolean replayed) {
}
