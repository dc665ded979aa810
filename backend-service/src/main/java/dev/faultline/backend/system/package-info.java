/**
 * Shared set-up: RFC 9457 problem responses, request limits, request logging and the
 * clock.
 */
package dev.faultline.backend.system;
