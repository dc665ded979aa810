/**
 * The backend service: a message store with a REST API, and the place the demo's failures
 * are injected.
 */
package dev.faultline.backend;
