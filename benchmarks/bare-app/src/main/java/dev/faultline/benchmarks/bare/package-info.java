/** The bare Spring Boot app that the services' startup and memory are compared with. */
package dev.faultline.benchmarks.bare;
