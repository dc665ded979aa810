/**
 * From raw data to figures, charts and the Markdown report, and the check of a results
 * directory.
 */
package dev.faultline.benchmarks.report;
