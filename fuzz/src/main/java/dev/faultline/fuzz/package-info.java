/**
 * The seeded black-box fuzzer of {@code scripts/fuzz.sh}: {@link dev.faultline.fuzz.Fuzz}
 * runs one surface after another against the real jars and judges every answer.
 */
package dev.faultline.fuzz;
