/**
 * Shared set-up of the UI service: security (CSRF), the level converter, the clock and
 * the static about page.
 */
package dev.faultline.ui.system;
