package dev.faultline.deployment;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/HealthCheck.java}, the container health check the images run with nothing
 * but a JRE: compiled as the Dockerfile compiles it, then pointed at a real HTTP server.
 */
class HealthCheckTests {

	@TempDir
	static Path classes;

	private static Method checkMethod;

	private HttpServer server;

	@BeforeAll
	static void compileAsTheDockerfileDoes() throws Exception {
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		int status = javac.run(null, null, null, "--release", "17", "-d", classes.toString(),
				Repository.file("docker/HealthCheck.java").toString());
		assertThat(status).as("javac HealthCheck.java").isZero();
		URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, null);
		checkMethod = loader.loadClass("HealthCheck").getDeclaredMethod("check", String.class, int.class);
		checkMethod.setAccessible(true);
	}

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/up", (exchange) -> reply(exchange, 200, "{\"status\":\"UP\"}"));
		this.server.createContext("/down", (exchange) -> reply(exchange, 503, "{\"status\":\"OUT_OF_SERVICE\"}"));
		this.server.createContext("/hang", (exchange) -> {
			sleep(3_000);
			reply(exchange, 200, "{\"status\":\"UP\"}");
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void healthyWhenTheGroupAnswers2xx() throws Exception {
		assertThat(check(url("/up"), 2000)).isZero();
	}

	@Test
	void unhealthyWhenTheGroupIsOutOfService() throws Exception {
		assertThat(check(url("/down"), 2000)).isEqualTo(1);
	}

	@Test
	void unhealthyWhenNothingListens() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		assertThat(check("http://127.0.0.1:" + closedPort + "/actuator/health/readiness", 2000)).isEqualTo(1);
	}

	@Test
	void unhealthyInsteadOfHangingWhenTheAnswerIsLate() throws Exception {
		long start = System.nanoTime();
		assertThat(check(url("/hang"), 300)).isEqualTo(1);
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_900);
	}

	private int check(String url, int timeoutMillis) throws Exception {
		return (int) checkMethod.invoke(null, url, timeoutMillis);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
			throws IOException {
		byte[] bytes = body.getBytes();
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
