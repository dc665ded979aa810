/**
 * The chaos API: faults injected on demand into the message API, controlled from the
 * management port.
 */
package dev.faultline.backend.chaos;
