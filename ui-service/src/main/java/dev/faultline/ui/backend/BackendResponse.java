package dev.faultline.ui.backend;

import java.io.IOException;
import java.io.InputStream;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.lang.Nullable;

/**
 * The answer to a {@link BackendRequest}: its body is read under the exchange's
 * {@link Deadline}; closing it ends the deadline and returns the connection to the pool
 * when it was read fully.
 */
final class BackendResponse implements ClientHttpResponse {

	private final ClassicHttpResponse response;

	private final Deadline deadline;

	@Nullable
	private HttpHeaders headers;

	@Nullable
	private InputStream body;

	BackendResponse(ClassicHttpResponse response, Deadline deadline) {
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
