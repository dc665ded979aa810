package dev.faultline.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of RESP, Redis's wire protocol, for a test to send a command and read its
 * reply without a client library: what {@link RedisServer} speaks to the server it
 * started.
 */
final class Resp {

	private Resp() {
	}

	static byte[] encode(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		writeLine(out, "*" + args.length);
		for (String arg : args) {
			byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
			writeLine(out, "$" + bytes.length);
			out.writeBytes(bytes);
			writeLine(out, "");
		}
		return out.toByteArray();
	}

	static String read(InputStream in) throws IOException {
		String line = readLine(in);
		String rest = line.substring(1);
		return switch (line.charAt(0)) {
			case '+', ':' -> rest;
			case '-' -> throw new IllegalStateException("Redis answered: " + rest);
			case '$' -> readBulk(in, Integer.parseInt(rest));
			case '*' -> readArray(in, Integer.parseInt(rest));
			default -> throw new IOException("Not a RESP reply: " + line);
		};
	}

	private static String readBulk(InputStream in, int length) throws IOException {
		if (length < 0) {
			return null;
		}
		byte[] bytes = in.readNBytes(length + 2);
		if (bytes.length < length + 2) {
			throw new IOException("Connection closed in the middle of a reply");
		}
		return new String(bytes, 0, length, StandardCharsets.UTF_8);
	}

	private static String readArray(InputStream in, int count) throws IOException {
		if (count < 0) {
			return null;
		}
		List<String> elements = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			elements.add(read(in));
		}
		return elements.toString();
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		while (true) {
			int next = in.read();
			if (next == -1) {
				throw new IOException("Connection closed before a full reply");
			}
			if (previous == '\r' && next == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
			}
			line.write(next);
			previous = next;
		}
	}

	private static void writeLine(ByteArrayOutputStream out, String line) {
		out.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
	}

}
