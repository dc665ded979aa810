package dev.faultline.ui.dashboard;

import dev.faultline.ui.resilience.ProtectionLevel;

/**
 * One thing that happened at a protection level, as the dashboard's event log shows it:
 * the SSE {@code event}, and the Spring application event {@link LevelActivity} publishes
 * for the streams.
 *
 * @param time when it happened, epoch milliseconds
 * @param level the level, as its id, such as {@code full}
 * @param source what reported it: {@code circuit-breaker}, {@code retry},
 * {@code time-limiter}, {@code bulkhead} or {@code feed}
 * @param type the reporter's own event type, such as {@code STATE_TRANSITION} or
 * {@code NOT_PERMITTED}
 * @param kind how the log colours it: {@code success}, {@code failure}, {@code rejected},
 * {@code retry}, {@code timeout}, {@code state} or {@code info}
 * @param message a short human sentence
 */
record DashboardEvent(long time, ProtectionLevel level, String source, String type, String kind, String message) {
}
