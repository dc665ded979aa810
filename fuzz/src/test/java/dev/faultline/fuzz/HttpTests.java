package dev.faultline.fuzz;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * How a probe travels: through the JDK client when it can, over a plain socket when it
 * cannot; both against a real HTTP server on the loopback address.
 */
class HttpTests {

	private HttpServer server;

	private URI base;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body = ("{\"method\":\"" + exchange.getRequestMethod() + "\",\"target\":\""
					+ exchange.getRequestURI().getRawPath() + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
			exchange.sendResponseHeaders(404, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
		this.base = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void sendsAnOrdinaryRequestWithTheJdkClient() {
		Probe probe = new Probe(Api.MESSAGES, "GET", this.base, "/api/messages/1");
		assertThat(probe.needsSocket()).isFalse();
		Answer answer = new Http().send(probe);
		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.mediaType()).isEqualTo("application/problem+json");
		assertThat(JsonAnswers.parse(answer.text()).path("target").asText()).isEqualTo("/api/messages/1");
	}

	@Test
	void sendsWhatTheJdkClientRefusesOverASocketByteForByte() {
		Probe probe = new Probe(Api.MESSAGES, "GET", this.base, "/api/messages/%41").header("Host", "evil.example")
			.header("X-Twice", "1")
			.header("X-Twice", "2");
		assertThat(probe.needsSocket()).isTrue();
		Answer answer = new Http().send(probe);
		assertThat(answer.status()).isEqualTo(404);
		assertThat(JsonAnswers.parse(answer.text()).path("target").asText()).isEqualTo("/api/messages/%41");
	}

	@Test
	void readsAChunkedAnswerAndNoBodyForHead() throws IOException {
		byte[] chunked = ("HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"sta\r\n9\r\ntus\":400}\r\n0\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		Answer answer = Http.parse(chunked, false);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.text()).isEqualTo("{\"status\":400}");
		assertThat(answer.header("CONTENT-TYPE")).isEqualTo("application/problem+json");
		assertThat(Http.parse(chunked, true).body()).isEmpty();
	}

	@Test
	void aConnectionClosedBeforeTheHeadIsNoAnswer() {
		assertThatIOException()
			.isThrownBy(() -> Http.parse("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1), false))
			.withMessageContaining("without a complete answer head");
		assertThatIOException()
			.isThrownBy(() -> Http.parse("SSH-2.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), false))
			.withMessageContaining("not an HTTP answer");
	}

	@Test
	void aPortNobodyListensOnIsNoAnswerNotACrash() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Answer answer = new Http().send(new Probe(Api.CHAOS, "GET", URI.create("http://127.0.0.1:" + port), "/chaos"));
		assertThat(answer.outcome()).isEqualTo(Outcome.NO_ANSWER);
		assertThat(answer.answered()).isFalse();
	}

}
