/**
 * Replicas that cooperate through Redis: each level's circuit-breaker verdict is shared
 * with the other UI replicas. Redis is a dependency like the backend: never on the
 * request path, with its own timeouts, and without it each replica carries on alone.
 */
package dev.faultline.ui.shared;
