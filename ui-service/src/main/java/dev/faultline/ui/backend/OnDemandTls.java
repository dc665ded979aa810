package dev.faultline.ui.backend;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * HttpClient's default TLS, built on the first {@code https} connection instead of when
 * the client is. The default builds an {@code SSLContext} with the JDK's trust store at
 * once (some 400 classes and every CA certificate parsed, about a second of a start on
 * two cores), which an {@code http} backend, the demo's, never uses.
 */
final class OnDemandTls implements TlsSocketStrategy {

	private volatile TlsSocketStrategy tls;

	@Override
	public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
			throws IOException {
		return tls().upgrade(socket, target, port, attachment, context);
	}

	private TlsSocketStrategy tls() {
		TlsSocketStrategy created = this.tls;
		if (created == null) {
			synchronized (this) {
				created = this.tls;
				if (created == null) {
					created = DefaultClientTlsStrategy.createDefault();
					this.tls = created;
				}
			}
		}
		return created;
	}

}
