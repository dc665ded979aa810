/**
 * Shared set-up of the UI service.
 */
package dev.faultline.ui.system;
