package dev.faultline.ui.resilience;

import java.util.Optional;

/**
 * Which replica a circuit-breaker transition came from, while it is being applied.
 * Resilience4j calls its event consumers on the thread that makes the transition, so when
 * a peer's transition is applied here ({@link #applyFrom}), every consumer of the
 * resulting event (the dashboard, the sharing itself) can tell it was not this replica's
 * own verdict.
 */
public final class BreakerOrigin {

	private static final ThreadLocal<String> PEER = new ThreadLocal<>();

	private BreakerOrigin() {
	}

	/** Runs a transition on behalf of the peer. */
	public static void applyFrom(String peer, Runnable transition) {
		PEER.set(peer);
		try {
			transition.run();
		}
		finally {
			PEER.remove();
		}
	}

	/**
	 * The peer whose transition is being applied on this thread; empty for this replica's
	 * own.
	 */
	public static Optional<String> peer() {
		return Optional.ofNullable(PEER.get());
	}

}
