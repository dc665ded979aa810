package dev.faultline.ui.shared;

/**
 * One replica's breaker verdict as it travels to the others on the Redis channel: the
 * JSON contract between replicas.
 *
 * @param replica the replica that reached it, such as {@code ui-1}
 * @param level the level's id, such as {@code full}
 * @param state {@code OPEN} (the backend is failing: stop calling it) or {@code CLOSED}
 * (trial calls succeeded: it is back)
 * @param at when, epoch ms
 */
record BreakerVerdict(String replica, String level, String state, long at) {
}
