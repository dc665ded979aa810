package dev.faultline.ui.backend;

import java.net.URI;
import java.util.Locale;

/**
 * One backend replica: where its API is, and the name the UI gives it in the feed, the
 * health details and the log.
 *
 * @param id {@code host:port}, such as {@code backend-1:8081}: what the replica is called
 * everywhere, unique among the replicas
 * @param baseUrl its API root, such as {@code http://backend-1:8081}
 */
public record Replica(String id, URI baseUrl) {

	/**
	 * The replica at this API root, named after its host and port (the scheme's default
	 * port when the URL has none).
	 */
	public static Replica at(URI baseUrl) {
		String scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
		int port = (baseUrl.getPort() != -1) ? baseUrl.getPort() : ("https".equals(scheme) ? 443 : 80);
		return new Replica(baseUrl.getHost() + ":" + port, baseUrl);
	}

	@Override
	public String toString() {
		return this.id;
	}

}
