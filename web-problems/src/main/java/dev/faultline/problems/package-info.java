/**
 * The problem+json answers both services give where Spring MVC cannot.
 */
package dev.faultline.problems;
