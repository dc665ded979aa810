package dev.faultline.backend.testsupport;

import java.util.function.Supplier;

import dev.faultline.testsupport.PostgresServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a backend at a {@link PostgresServer} the way a deployment does: through
 * {@code FAULTLINE_DB_URL}, {@code FAULTLINE_DB_USER} and {@code FAULTLINE_DB_PASSWORD},
 * so that the tests go through the same switch in {@code application.yml}.
 */
public final class PostgresBackend {

	private PostgresBackend() {
	}

	/**
	 * For a {@code @DynamicPropertySource}: read when the context starts, after the
	 * class's {@code @BeforeAll} has started the server.
	 */
	public static void register(DynamicPropertyRegistry registry, Supplier<PostgresServer> server) {
		registry.add("FAULTLINE_DB_URL", () -> server.get().jdbcUrl());
		registry.add("FAULTLINE_DB_USER", () -> server.get().username());
		registry.add("FAULTLINE_DB_PASSWORD", () -> server.get().password());
	}

	/** For {@link RunningBackend#start(String...)}: a replica on the same database. */
	public static String[] arguments(PostgresServer server) {
		return new String[] { "--FAULTLINE_DB_URL=" + server.jdbcUrl(), "--FAULTLINE_DB_USER=" + server.username(),
				"--FAULTLINE_DB_PASSWORD=" + server.password() };
	}

}
