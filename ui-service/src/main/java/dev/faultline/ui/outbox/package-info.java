/**
 * Queued writes: a post that cannot be delivered now waits in a durable Redis Stream
 * (shared by every replica) and is delivered exactly once when the backend is back.
 */
package dev.faultline.ui.outbox;
