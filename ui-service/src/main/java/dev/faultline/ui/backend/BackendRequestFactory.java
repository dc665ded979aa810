package dev.faultline.ui.backend;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.AbstractClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.lang.Nullable;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

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
 * user is told "timeout", which is what happened.</li>
 * <li><b>A pool that is no bulkhead.</b> Sized to the callers that can use it, so only
 * the patterns the level chooses ever turn a call away; no redirects, cookies or
 * compression, which the backend API never needs.</li>
 * </ul>
 */
final class BackendRequestFactory implements ClientHttpRequestFactory, AutoCloseable {

	private final CloseableHttpClient client;

	@Nullable
	private final Duration deadline;

	@Nullable
	private final ScheduledThreadPoolExecutor timer;

	private BackendRequestFactory(CloseableHttpClient client, @Nullable Duration deadline) {
		this.client = client;
		this.deadline = deadline;
		if (deadline != null) {
			CustomizableThreadFactory threads = new CustomizableThreadFactory("backend-deadline-");
			threads.setDaemon(true);
			this.timer = new ScheduledThreadPoolExecutor(1, threads);
			// A deadline cancelled after a normal answer (nearly all of them) must not
			// wait in the queue until it is due.
			this.timer.setRemoveOnCancelPolicy(true);
		}
		else {
			this.timer = null;
		}
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
		return new Request(uri, httpMethod);
	}

	@Override
	public void close() throws IOException {
		if (this.timer != null) {
			this.timer.shutdownNow();
		}
		this.client.close();
	}

	/**
	 * One exchange: the request is buffered (the backend's bodies are small) and sent
	 * when executed.
	 */
	private final class Request extends AbstractClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);

		Request(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		protected OutputStream getBodyInternal(HttpHeaders headers) {
			return this.body;
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers) throws IOException {
			byte[] body = this.body.toByteArray();
			HttpUriRequestBase request = new HttpUriRequestBase(this.method.name(), this.uri);
			headers.forEach((name, values) -> {
				if (!HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)
						&& !HttpHeaders.TRANSFER_ENCODING.equalsIgnoreCase(name)) {
					values.forEach((value) -> request.addHeader(name, value));
				}
			});
			if (body.length > 0) {
				request.setEntity(new ByteArrayEntity(body, null));
			}
			Deadline deadline = arm(request);
			AttemptAbort.register(request::cancel);
			try {
				ClassicHttpResponse response = BackendRequestFactory.this.client
					.executeOpen(RoutingSupport.determineHost(request), request, null);
				return new Response(response, deadline);
			}
			catch (IOException ex) {
				deadline.disarm();
				throw deadline.explain(ex);
			}
			catch (HttpException ex) {
				deadline.disarm();
				throw new IOException("Not a valid request to the backend: " + ex.getMessage(), ex);
			}
		}

		private Deadline arm(HttpUriRequestBase request) {
			Duration limit = BackendRequestFactory.this.deadline;
			ScheduledThreadPoolExecutor scheduler = BackendRequestFactory.this.timer;
			if (limit == null || scheduler == null) {
				return Deadline.NONE;
			}
			AtomicBoolean passed = new AtomicBoolean();
			ScheduledFuture<?> cut = scheduler.schedule(() -> {
				passed.set(true);
				request.cancel();
			}, limit.toNanos(), TimeUnit.NANOSECONDS);
			return new Deadline(cut, passed, limit);
		}

	}

	/** The scheduled cut of one exchange, and whether it has happened. */
	private record Deadline(@Nullable ScheduledFuture<?> cut, AtomicBoolean passed, @Nullable Duration limit) {

		static final Deadline NONE = new Deadline(null, new AtomicBoolean(), null);

		void disarm() {
			if (this.cut != null) {
				this.cut.cancel(false);
			}
		}

		boolean hasPassed() {
			return this.passed.get();
		}

		/**
		 * The failure to report: a timeout when the deadline cut the exchange, whatever
		 * the socket said.
		 */
		IOException explain(IOException failure) {
			if (!hasPassed()) {
				return failure;
			}
			SocketTimeoutException timeout = new SocketTimeoutException(
					"No complete answer within " + this.limit.toMillis() + " ms; the exchange was cut");
			timeout.initCause(failure);
			return timeout;
		}

	}

	/**
	 * The answer; closing it ends the deadline and returns the connection to the pool
	 * when it was read fully.
	 */
	private static final class Response implements ClientHttpResponse {

		private final ClassicHttpResponse response;

		private final Deadline deadline;

		@Nullable
		private HttpHeaders headers;

		@Nullable
		private InputStream body;

		Response(ClassicHttpResponse response, Deadline deadline) {
			this.response = response;
			this.deadline = deadline;
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(this.response.getCode());
		}

		@Override
		public String getStatusText() {
			String reason = this.response.getReasonPhrase();
			return (reason != null) ? reason : "";
		}

		@Override
		public HttpHeaders getHeaders() {
			if (this.headers == null) {
				HttpHeaders all = new HttpHeaders();
				for (Header header : this.response.getHeaders()) {
					all.add(header.getName(), header.getValue());
				}
				this.headers = HttpHeaders.readOnlyHttpHeaders(all);
			}
			return this.headers;
		}

		@Override
		public InputStream getBody() throws IOException {
			if (this.body == null) {
				HttpEntity entity = this.response.getEntity();
				this.body = (entity != null) ? new DeadlineStream(entity.getContent(), this.deadline)
						: InputStream.nullInputStream();
			}
			return this.body;
		}

		@Override
		public void close() {
			try {
				// Reading what is left keeps the connection reusable; the armed deadline
				// still bounds it.
				EntityUtils.consume(this.response.getEntity());
			}
			catch (IOException ex) {
				// The connection is discarded below; the answer was already read or has
				// failed on its own.
			}
			finally {
				this.deadline.disarm();
				try {
					this.response.close();
				}
				catch (IOException ex) {
					// Nothing left to release.
				}
			}
		}

	}

	/** The body, failing with a timeout once the deadline has cut the exchange. */
	private static final class DeadlineStream extends FilterInputStream {

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

}
