package dev.faultline.fuzz;

/**
 * What an idempotency key created: the message, and for keys sent to the API the exact
 * request.
 */
record Binding(long id, byte[] body, String contentType, String author, String text) {
}
