package dev.faultline.backend.system;

import java.io.IOException;

/**
 * A request body turned out larger than the limit while it was being read (chunked bodies have no length).
 */
class PayloadTooLargeException extends IOException {

	private final long limit;

	PayloadTooLargeException(long limit) {
		super("Request body is larger than " + limit + " bytes");
		this.limit = limit;
	}

	long limit() {
		return this.limit;
	}

}
