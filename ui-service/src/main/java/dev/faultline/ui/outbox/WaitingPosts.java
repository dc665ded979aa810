package dev.faultline.ui.outbox;

import java.util.List;

/**
 * What the page shows of the outbox: the newest posts waiting (or failed), and how many
 * more there are, so a long outage does not make the page long.
 *
 * @param newest the newest posts, newest first, at most {@code faultline.outbox.listed}
 * @param more how many older posts are not listed
 */
public record WaitingPosts(List<QueuedPost> newest, int more) {

	public WaitingPosts {
		newest = List.copyOf(newest);
	}

}
