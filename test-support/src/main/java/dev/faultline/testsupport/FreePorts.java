package dev.faultline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A port nothing listens on now, for the servers the tests start ({@link BackendProcess},
 * {@link RedisServer}, {@link PostgresServer}). Another process may take it before the
 * server binds it; the servers that can tell retry.
 */
final class FreePorts {

	private FreePorts() {
	}

	/** A free port on the given loopback address. */
	static int on(String host) {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A free port on every address, as a server that binds the wildcard needs. */
	static int any() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
