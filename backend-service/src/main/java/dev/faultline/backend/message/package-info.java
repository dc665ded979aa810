/**
 * Messages: storage, idempotent creation and the REST API under {@code /api/messages}.
 */
package dev.faultline.backend.message;
