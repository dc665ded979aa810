package dev.faultline.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JDK HTTP client for what it can send, a plain socket for the rest; every exchange
 * bounded by the timeout.
 */
final class Http {

	/** The bound of every request: connecting, and the whole answer. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(TIMEOUT)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	Answer send(Probe probe) {
		try {
			return probe.needsSocket() ? overSocket(probe) : overClient(probe);
		}
		catch (HttpTimeoutException | SocketTimeoutException | TimeoutException ex) {
			return Answer.failed(Outcome.TIMEOUT, "no answer within " + TIMEOUT.toSeconds() + " s");
		}
		catch (IOException ex) {
			return Answer.failed(Outcome.NO_ANSWER, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Answer overClient(Probe probe) throws IOException, InterruptedException, TimeoutException {
		HttpRequest.BodyPublisher publisher = (probe.body != null) ? HttpRequest.BodyPublishers.ofByteArray(probe.body)
				: HttpRequest.BodyPublishers.noBody();
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(probe.url()))
			.timeout(TIMEOUT)
			.method(probe.method, publisher);
		for (String[] header : probe.headers) {
			builder.header(header[0], header[1]);
		}
		HttpRequest request = builder.build();
		if (probe.stream) {
			HttpResponse<InputStream> response = await(
					this.client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
			boolean endless = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
			try (InputStream in = response.body()) {
				byte[] first = await(CompletableFuture.supplyAsync(() -> {
					try {
						if (!endless) {
							// Refused: an ordinary answer, read whole (at most 1 MiB), so
							// that it can be judged.
							return in.readNBytes(1 << 20);
						}
						byte[] buffer = new byte[4096];
						int n = in.read(buffer);
						return Arrays.copyOf(buffer, Math.max(n, 0));
					}
					catch (IOException ex) {
						return new byte[0];
					}
				}));
				return Answer.of(response.statusCode(), response.headers().map(), first);
			}
		}
		// The request's timeout ends at the head; waiting on the future bounds the body
		// too.
		HttpResponse<byte[]> response = await(this.client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
		return Answer.of(response.statusCode(), response.headers().map(), response.body());
	}

	private static <T> T await(CompletableFuture<T> future) throws IOException, InterruptedException, TimeoutException {
		try {
			return future.get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IOException(ex.getCause());
		}
	}

	private Answer overSocket(Probe probe) throws IOException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(probe.base.getHost(), probe.base.getPort()), (int) TIMEOUT.toMillis());
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			StringBuilder head = new StringBuilder(probe.method).append(' ')
				.append(probe.target)
				.append(" HTTP/1.1\r\n");
			if (probe.header("Host") == null) {
				head.append("Host: ")
					.append(probe.base.getHost())
					.append(':')
					.append(probe.base.getPort())
					.append("\r\n");
			}
			for (String[] header : probe.headers) {
				head.append(header[0]).append(": ").append(header[1]).append("\r\n");
			}
			if (probe.body != null && probe.header("Content-Length") == null
					&& probe.header("Transfer-Encoding") == null) {
				head.append("Content-Length: ").append(probe.body.length).append("\r\n");
			}
			head.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			if (probe.body != null) {
				out.write(probe.body);
			}
			out.flush();
			return parse(readUntilClosed(socket.getInputStream(), deadline), probe.method.equals("HEAD"));
		}
	}

	private static byte[] readUntilClosed(InputStream in, long deadline) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int n;
		while ((n = in.read(buffer)) != -1) {
			bytes.write(buffer, 0, n);
			if (System.nanoTime() > deadline) {
				throw new SocketTimeoutException("answer not complete within the timeout");
			}
			if (bytes.size() > 4_000_000) {
				break;
			}
		}
		return bytes.toByteArray();
	}

	/** Parses an HTTP/1.1 answer read to the end of the connection. */
	static Answer parse(byte[] bytes, boolean head) throws IOException {
		int end = Text.indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
		if (end < 0) {
			throw new IOException("connection closed after " + bytes.length + " bytes, without a complete answer head");
		}
		String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
		String[] statusLine = lines[0].split(" ", 3);
		if (statusLine.length < 2 || !statusLine[1].matches("\\d{3}")) {
			throw new IOException("not an HTTP answer: " + Text.excerpt(lines[0], 80));
		}
		Map<String, List<String>> headers = new TreeMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers
					.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							(key) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
		}
		byte[] body = head ? new byte[0] : Arrays.copyOfRange(bytes, end + 4, bytes.length);
		List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
		if (!head && encoding.stream().anyMatch((value) -> value.equalsIgnoreCase("chunked"))) {
			body = dechunk(body);
		}
		return Answer.of(Integer.parseInt(statusLine[1]), headers, body);
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int position = 0;
		while (position < chunked.length) {
			int lineEnd = Text.indexOf(chunked, new byte[] { '\r', '\n' }, position);
			if (lineEnd < 0) {
				break;
			}
			String sizeText = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1)
				.split(";")[0].trim();
			int size;
			try {
				size = Integer.parseInt(sizeText, 16);
			}
			catch (NumberFormatException ex) {
				break;
			}
			if (size == 0) {
				break;
			}
			int start = lineEnd + 2;
			body.write(chunked, start, Math.min(size, chunked.length - start));
			position = start + size + 2;
		}
		return body.toByteArray();
	}

}
