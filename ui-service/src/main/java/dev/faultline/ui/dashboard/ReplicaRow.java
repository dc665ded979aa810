package dev.faultline.ui.dashboard;

import dev.faultline.ui.replica.ReplicaState;

/**
 * One backend replica on the dashboard's replica panel: whether reads go to it, how its
 * calls went, and how many reads it answered, all over its breaker's window.
 *
 * @param replica its name, {@code host:port}
 * @param rotation in rotation, ejected, or on trial
 * @param breaker its breaker's state, such as {@code CLOSED}
 * @param calls the calls its breaker's window holds, at every level
 * @param failures how many of those failed
 * @param answered the reads it answered live in the window, at every level
 * @param windowSeconds the window, in seconds
 */
record ReplicaRow(String replica, ReplicaState.Status rotation, String breaker, int calls, int failures, int answered,
		int windowSeconds) {
}
