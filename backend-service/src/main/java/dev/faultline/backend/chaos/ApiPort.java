package dev.faultline.backend.chaos;

import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.context.ApplicationListener;

/**
 * Closes and reopens the API port for the {@code down} fault. Closing the server socket
 * makes the operating system refuse new connections at once (a paused acceptor would
 * leave them waiting in the backlog instead), while requests already in flight finish.
 * Reopening restarts the Tomcat connector on the same port, which also closes connections
 * left over from before the outage, as a real restart would. Only the API server is
 * touched: the management server, with the chaos API, has its own.
 */
class ApiPort implements ApplicationListener<WebServerInitializedEvent> {

	private static final Logger log = LoggerFactory.getLogger(ApiPort.class);

	private Connector connector;

	private int port;

	private boolean refusing;

	@Override
	public synchronized void onApplicationEvent(WebServerInitializedEvent event) {
		// The management server announces itself with the namespace "management"; the API
		// server has none.
		if (event.getApplicationContext().getServerNamespace() == null
				&& event.getWebServer() instanceof TomcatWebServer tomcat) {
			this.connector = tomcat.getTomcat().getConnector();
		}
	}

	/** Whether the port refuses connections now. */
	synchronized boolean refusing() {
		return this.refusing;
	}

	/**
	 * Makes the port refuse connections or accept them again; asking for the current
	 * state changes nothing.
	 * @return whether the port was closed by this call
	 */
	synchronized boolean refuse(boolean refuse) {
		if (refuse == this.refusing || this.connector == null) {
			return false;
		}
		if (refuse) {
			this.port = this.connector.getLocalPort();
			this.connector.getProtocolHandler().closeServerSocketGraceful();
			this.refusing = true;
			log.info("Chaos: API port {} closed, new connections are refused", this.port);
			return true;
		}
		try {
			this.connector.stop();
			this.connector.setPort(this.port);
			this.connector.start();
			this.refusing = false;
			log.info("Chaos: API port {} open again", this.port);
		}
		catch (LifecycleException ex) {
			log.error("Chaos: could not reopen API port {}", this.port, ex);
		}
		return false;
	}

}
