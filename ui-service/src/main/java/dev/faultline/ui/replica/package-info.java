/**
 * The backend's replicas: which one each attempt goes to (Spring Cloud LoadBalancer's
 * round robin), and which are out of rotation (a circuit breaker per replica).
 */
package dev.faultline.ui.replica;
