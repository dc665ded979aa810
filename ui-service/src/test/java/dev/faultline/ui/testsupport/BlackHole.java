package dev.faultline.ui.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend replica that hangs: it accepts connections on a free port of 127.0.0.1, reads
 * what it is sent and never answers, and records how long each connection stayed open
 * until the client closed it. What a hanging or stopped replica is to the UI, with a way
 * to see that the UI really dropped an exchange it gave up on.
 */
public final class BlackHole implements AutoCloseable {

	private final ServerSocket server;

	private final List<Duration> heldFor = new CopyOnWriteArrayList<>();

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private final AtomicInteger accepted = new AtomicInteger();

	private BlackHole(ServerSocket server) {
		this.server = server;
		Thread acceptor = new Thread(this::accept, "black-hole-" + server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** A black hole on a free port. */
	public static BlackHole start() {
		try {
			return new BlackHole(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not open a black hole on 127.0.0.1", ex);
		}
	}

	/** Its root URL, such as {@code http://127.0.0.1:41234}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	/** How long each connection the client has closed was held, in the order closed. */
	public List<Duration> closedAfter() {
		return List.copyOf(this.heldFor);
	}

	/** How many connections it has accepted. */
	public int accepted() {
		return this.accepted.get();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.open) {
			socket.close();
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.accepted.incrementAndGet();
				this.open.add(socket);
				Thread reader = new Thread(() -> hold(socket), "black-hole-connection");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void hold(Socket socket) {
		long accepted = System.nanoTime();
		byte[] buffer = new byte[4096];
		try (socket; InputStream in = socket.getInputStream()) {
			while (in.read(buffer) != -1) {
				// Read the request and wait for more: the answer never comes.
			}
		}
		catch (IOException ex) {
			// A reset is the client closing too.
		}
		this.heldFor.add(Duration.ofNanos(System.nanoTime() - accepted));
		this.open.remove(socket);
	}

}
