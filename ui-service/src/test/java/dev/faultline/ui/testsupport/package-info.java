/**
 * Test support shared by the UI's integration tests: the stub backend, the real backend
 * process, the base class.
 */
package dev.faultline.ui.testsupport;
