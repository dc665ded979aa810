/**
 * Shared test helpers: a backend started in-process for property tests, an ERROR log
 * watch, and the rules every answer to bad input must follow.
 */
package dev.faultline.backend.testsupport;
