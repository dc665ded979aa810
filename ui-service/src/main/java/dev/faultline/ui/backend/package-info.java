/**
 * The plain HTTP client of the backend's message API: requests, responses and the
 * failures it can raise.
 */
package dev.faultline.ui.backend;
