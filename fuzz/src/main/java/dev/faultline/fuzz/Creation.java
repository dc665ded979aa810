package dev.faultline.fuzz;

/**
 * A POST /api/messages with the stored author and text it should produce (null when it
 * means none).
 */
record Creation(Probe probe, String author, String text, String key, Binding replayOf) {
}
