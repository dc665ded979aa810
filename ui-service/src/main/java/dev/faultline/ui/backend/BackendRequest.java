package dev.faultline.ui.backend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.AbstractClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.lang.Nullable;

/**
 * One exchange of {@link BackendRequestFactory}: the request is buffered (the backend's
 * bodies are small) and sent when executed, under the client's deadline when it has one,
 * and registered with the {@link AttemptAbort} of its thread.
 */
final class BackendRequest extends AbstractClientHttpRequest {

	private final CloseableHttpClient client;

	@Nullable
	private final DeadlineTimer deadlines;

	private final URI uri;

	private final HttpMethod method;

	private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);

	BackendRequest(CloseableHttpClient client, @Nullable DeadlineTimer deadlines, URI uri, HttpMethod method) {
		this.client = client;
		this.deadlines = deadlines;
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
		Deadline deadline = (this.deadlines != null) ? this.deadlines.arm(request::cancel) : Deadline.NONE;
		AttemptAbort.register(request::cancel);
		try {
			ClassicHttpResponse response = this.client.executeOpen(RoutingSupport.determineHost(request), request,
					null);
			return new BackendResponse(response, deadline);
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

}
