import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Container health check that needs nothing but a JRE: exits 0 when the given URL answers 2xx within the
 * timeout, 1 otherwise. Compiled in the image's build stage, because a JRE image cannot launch a source
 * file ({@code jdk.compiler} is missing) and may have neither curl nor wget.
 *
 * <pre>java -cp /opt/healthcheck HealthCheck http://localhost:9081/actuator/health/readiness [timeoutMillis]</pre>
 */
public final class HealthCheck {

	private static final int DEFAULT_TIMEOUT_MILLIS = 2000;

	private HealthCheck() {
	}

	public static void main(String[] args) {
		if (args.length < 1 || args.length > 2) {
			System.err.println("usage: HealthCheck <url> [timeoutMillis]");
			System.exit(2);
		}
		int timeout = (args.length == 2) ? Integer.parseInt(args[1]) : DEFAULT_TIMEOUT_MILLIS;
		System.exit(check(args[0], timeout));
	}

	/**
	 * Calls the URL once.
	 * @param url the health endpoint
	 * @param timeoutMillis connect and read timeout
	 * @return 0 when it answered 2xx, 1 otherwise (the exit codes Docker and Kubernetes expect)
	 */
	static int check(String url, int timeoutMillis) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
			connection.setConnectTimeout(timeoutMillis);
			connection.setReadTimeout(timeoutMillis);
			int status = connection.getResponseCode();
			try (InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
				if (body != null) {
					body.transferTo(System.out);
				}
			}
			System.out.println();
			return (status >= 200 && status < 300) ? 0 : 1;
		}
		catch (IOException | RuntimeException ex) {
			System.out.println("unhealthy: " + ex);
			return 1;
		}
	}

}
