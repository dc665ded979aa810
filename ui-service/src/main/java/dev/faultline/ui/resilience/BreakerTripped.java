package dev.faultline.ui.resilience;

import dev.faultline.ui.backend.FailureReason;

/**
 * Published (as a Spring application event) when a run of failures opens a level's
 * breaker ({@link ConsecutiveFailuresTrip}), just before it opens: the breaker's own
 * events say that it opened, this says why, for the dashboard's event log.
 *
 * @param level the level whose breaker opens
 * @param failures how many failures in a row opened it
 * @param last what the last of them was
 */
public record BreakerTripped(ProtectionLevel level, int failures, FailureReason last) {
}
