/**
 * Tests that keep the Dockerfile, compose file, Kubernetes manifests and observability
 * configuration in step with the ports and endpoints the services really expose.
 */
package dev.faultline.deployment;
