package dev.faultline.backend.chaos;

import java.time.Instant;

/**
 * One injection, kept for {@code GET /chaos/events}.
 *
 * @param at when it happened
 * @param fault the installed fault that injected it, such as {@code flap}
 * @param effect what was done, such as {@code error}
 * @param target the request it hit, such as {@code GET /api/messages}, or what it did to
 * the API port, readiness or process
 */
record ChaosEvent(Instant at, String fault, String effect, String target) {
}
