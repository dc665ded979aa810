package dev.faultline.ui.dashboard;

import java.util.List;

/**
 * The backend's chaos state as the dashboard shows it: each replica's, in the order of
 * {@code faultline.backend.management-urls} (one entry when the backend runs alone).
 *
 * @param targets each replica's state, or why it could not be read
 */
record ChaosStatus(List<TargetChaos> targets) {
}
