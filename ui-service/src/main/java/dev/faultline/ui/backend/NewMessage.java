package dev.faultline.ui.backend;

/**
 * The body of a create request to the backend.
 *
 * @param author who writes it
 * @param text what they write
 */
public record NewMessage(String author, String text) {
}
