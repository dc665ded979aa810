/**
 * The UI service: shows the backend's messages through Resilience4j-protected clients.
 */
package dev.faultline.ui;
