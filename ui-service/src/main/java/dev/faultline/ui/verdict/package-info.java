/**
 * Verdicts on a stream of call outcomes, and the circuit breakers they open: shared by
 * the levels' breakers and the replicas' ones.
 */
package dev.faultline.ui.verdict;
