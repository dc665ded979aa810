/**
 * The Faultline benchmark suite: runs the services under load and faults, and reports on
 * each protection level.
 */
package dev.faultline.benchmarks;
