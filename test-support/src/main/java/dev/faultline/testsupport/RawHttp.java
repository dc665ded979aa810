package dev.faultline.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 written by hand on a socket to the loopback address, for what a well-behaved
 * client cannot send: a {@code Host} header of the test's choosing, a header or a URL
 * over the server's limits, raw bytes such as {@code %00} in a path. Each exchange is one
 * connection ({@code Connection: close}), bounded by {@link TestHttp#ANSWER_WITHIN}.
 */
public final class RawHttp {

	private final int port;

	private RawHttp(int port) {
		this.port = port;
	}

	/** A client for a port on the IPv4 loopback address. */
	public static RawHttp toPort(int port) {
		return new RawHttp(port);
	}

	/**
	 * Sends a request without a body: {@code GET /path HTTP/1.1}, the given headers as
	 * name, value pairs, {@code Host: 127.0.0.1} unless a {@code Host} is given.
	 */
	public Answer send(String method, String target, String... headers) {
		return sendWithBody(method, target, null, headers);
	}

	/**
	 * Sends a request with a body (with its {@code Content-Length}; none when
	 * {@code null}).
	 */
	public Answer sendWithBody(String method, String target, String body, String... headers) {
		StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		boolean hostGiven = false;
		for (int i = 0; i + 1 < headers.length; i += 2) {
			hostGiven |= headers[i].equalsIgnoreCase("Host");
			request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		if (!hostGiven) {
			request.append("Host: 127.0.0.1:").append(this.port).append("\r\n");
		}
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (body != null) {
			request.append("Content-Length: ").append(content.length).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(request.toString().getBytes(StandardCharsets.ISO_8859_1));
		bytes.writeBytes(content);
		return exchange(bytes.toByteArray());
	}

	private Answer exchange(byte[] request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 2_000);
			socket.setSoTimeout((int) TestHttp.ANSWER_WITHIN.toMillis());
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// A server may answer and close before it has read an oversized request.
			}
			return Answer.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				all.write(buffer, 0, n);
			}
		}
		catch (SocketException ex) {
			// A reset after the answer was sent: keep what arrived.
		}
		return all.toByteArray();
	}

	/**
	 * What came back: the status, the headers (names in lower case) and the body, with a
	 * chunked body put together.
	 *
	 * @param status the status code, or -1 when nothing came back
	 * @param headers every header by its lower-case name
	 * @param body the body as UTF-8
	 */
	public record Answer(int status, Map<String, List<String>> headers, String body) {

		/** The first value of a header, by any case of its name. */
		public Optional<String> header(String name) {
			List<String> values = this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
			return values.stream().findFirst();
		}

		static Answer parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			if (end < 0 || !text.startsWith("HTTP/1.1 ")) {
				return new Answer(-1, Map.of(), text);
			}
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].substring(9, 12));
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers
					.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							(name) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
			byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
			boolean chunked = headers.getOrDefault("transfer-encoding", List.of()).contains("chunked");
			return new Answer(status, headers, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] body) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			String text = new String(body, StandardCharsets.ISO_8859_1);
			int at = 0;
			while (at < text.length()) {
				int lineEnd = text.indexOf("\r\n", at);
				if (lineEnd < 0) {
					break;
				}
				int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
				if (size == 0) {
					break;
				}
				out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
				at = lineEnd + 2 + size + 2;
			}
			return out.toByteArray();
		}

	}

}
