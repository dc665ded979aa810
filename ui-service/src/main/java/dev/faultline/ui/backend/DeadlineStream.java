package dev.faultline.ui.backend;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body under a {@link Deadline}: fails with a timeout once the deadline has
 * cut the exchange, and disarms it when the body has been read to its end in time.
 */
final class DeadlineStream extends FilterInputStream {

	private final Deadline deadline;

	DeadlineStream(InputStream in, Deadline deadline) {
		super(in);
		this.deadline = deadline;
	}

	@Override
	public int read() throws IOException {
		try {
			return checked(super.read());
		}
		catch (IOException ex) {
			throw this.deadline.explain(ex);
		}
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		try {
			return checked(super.read(buffer, offset, length));
		}
		catch (IOException ex) {
			throw this.deadline.explain(ex);
		}
	}

	/** An end of the body that the cut caused is no end: the answer is incomplete. */
	private int checked(int read) throws IOException {
		if (read == -1) {
			if (this.deadline.hasPassed()) {
				throw new IOException("The body ended when the exchange was cut");
			}
			this.deadline.disarm();
		}
		return read;
	}

}
