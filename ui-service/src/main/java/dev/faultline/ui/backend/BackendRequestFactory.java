package dev.faultline.ui.backend;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.lang.Nullable;

/**
 * The HTTP client under {@link MessagesBackend}: Apache HttpClient 5 behind Spring's
 * {@link ClientHttpRequestFactory}, set up so that what the UI counts is what goes on the
 * wire, and so that one attempt can never outlive its time.
 *
 * <ul>
 * <li><b>No hidden retry.</b> The client never repeats a request by itself
 * ({@code disableAutomaticRetries}). The JDK client does: it silently sends a GET again
 * when a connection closes before the first response byte, so a "single" attempt could be
 * two on the wire, level {@code none} was not one attempt, and the retry budget did not
 * bound the load. Here every request on the wire is an attempt that {@code backendCalls}
 * counts.</li>
 * <li><b>A deadline for the whole exchange.</b> A socket read timeout starts again with
 * every byte, so a body that trickles in never trips it. With a {@code deadline}, each
 * exchange is aborted (its connection closed) when the deadline passes, from sending the
 * request to the last body byte, and fails with a {@link SocketTimeoutException}: the
 * user is told "timeout", which is what happened ({@link DeadlineTimer}).</li>
 * <li><b>A pool that is no bulkhead.</b> Sized to the callers that can use it, so only
 * the patterns the level chooses ever turn a call away; no redirects, cookies or
 * compression, which the backend API never needs.</li>
 * </ul>
 */
final class BackendRequestFactory implements ClientHttpRequestFactory, AutoCloseable {

	private final CloseableHttpClient client;

	@Nullable
	private final DeadlineTimer deadlines;

	private BackendRequestFactory(CloseableHttpClient client, @Nullable Duration deadline) {
		this.client = client;
		this.deadlines = (deadline != null) ? new DeadlineTimer(deadline) : null;
	}

	/**
	 * A client for the protected levels: connect timeout, read timeout per socket read,
	 * the whole exchange cut at the read timeout, and a pool of {@code maxConnections}
	 * that are waited for no longer than the connect timeout.
	 */
	static BackendRequestFactory withTimeouts(Duration connectTimeout, Duration readTimeout, int maxConnections) {
		ConnectionConfig connections = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(connectTimeout))
			.setSocketTimeout(Timeout.of(readTimeout))
			.build();
		RequestConfig requests = RequestConfig.custom()
			.setConnectionRequestTimeout(Timeout.of(connectTimeout))
			.setResponseTimeout(Timeout.of(readTimeout))
			.build();
		return new BackendRequestFactory(client(connections, requests, maxConnections), readTimeout);
	}

	/**
	 * A client with HttpClient's own timeouts (a 3-minute connect timeout, no read
	 * timeout, no deadline): what a developer gets without thinking about it, and what
	 * level {@code none} shows. Only the hidden retry is off, so that level {@code none}
	 * really is one attempt, and the pool is as large as the callers.
	 */
	static BackendRequestFactory withLibraryDefaults(int maxConnections) {
		return new BackendRequestFactory(client(ConnectionConfig.DEFAULT, RequestConfig.DEFAULT, maxConnections), null);
	}

	private static CloseableHttpClient client(ConnectionConfig connections, RequestConfig requests,
			int maxConnections) {
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDefaultConnectionConfig(ConnectionConfig.copy(connections)
					// A pooled connection idle for over a second is checked before use:
					// after a backend restart the
					// first request does not land on a dead socket.
					.setValidateAfterInactivity(TimeValue.ofSeconds(1))
					.build())
				.setMaxConnTotal(maxConnections)
				.setMaxConnPerRoute(maxConnections)
				.setTlsSocketStrategy(new OnDemandTls())
				.build())
			.setDefaultRequestConfig(requests)
			// Closed here before Tomcat's 20 s keep-alive ends them under us.
			.evictIdleConnections(TimeValue.ofSeconds(10))
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableContentCompression()
			.build();
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new BackendRequest(this.client, this.deadlines, uri, httpMethod);
	}

	@Override
	public void close() throws IOException {
		if (this.deadlines != null) {
			this.deadlines.close();
		}
		this.client.close();
	}

}
