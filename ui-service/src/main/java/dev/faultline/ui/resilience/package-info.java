/**
 * The six protection levels of the demo, one client bean each, and what they share: the
 * deadline's executor, the retry budget and the last-known-good cache.
 */
package dev.faultline.ui.resilience;
