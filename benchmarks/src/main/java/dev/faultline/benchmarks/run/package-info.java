/**
 * Running the suite: the service processes, the load (Gatling), the fault timeline and
 * the raw data files.
 */
package dev.faultline.benchmarks.run;
