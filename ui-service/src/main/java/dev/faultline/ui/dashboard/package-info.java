/**
 * The live resilience dashboard: Resilience4j events and per-level snapshots streamed
 * over Server-Sent Events, a chaos panel that drives the backend's chaos API server-side,
 * and a traffic generator aimed at the UI itself.
 */
package dev.faultline.ui.dashboard;
