package dev.faultline.testsupport;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Three backend jars on one real PostgreSQL, as compose runs them: started once per test
 * JVM for the {@code *IT} classes that need replicas, and stopped when the JVM exits, so
 * that each class does not pay for four process starts. A class that breaks a replica
 * heals it with {@link #reviveAll()} before it hands them on.
 */
public final class BackendReplicas {

	/** As many backends as compose runs: backend-1, backend-2, backend-3. */
	public static final int COUNT = 3;

	private static BackendReplicas shared;

	private final PostgresServer database;

	private final List<BackendProcess> backends;

	private BackendReplicas(PostgresServer database, List<BackendProcess> backends) {
		this.database = database;
		this.backends = List.copyOf(backends);
	}

	/**
	 * The replicas, started on the first call; skips the test class (the reason printed)
	 * when the backend jar has not been built or PostgreSQL is not installed.
	 */
	public static synchronized BackendReplicas startOrSkip(Class<?> testClass) {
		Path jar = BackendProcess.jarOrSkip(testClass);
		assumeTrue(PostgresServer.installed(), () -> testClass.getSimpleName() + " needs three backends on "
				+ "PostgreSQL: " + PostgresServer.missing().orElse("PostgreSQL is not installed"));
		if (shared == null) {
			PostgresServer database = PostgresServer.start();
			String[] onTheDatabase = { "--FAULTLINE_DB_URL=" + database.jdbcUrl(),
					"--FAULTLINE_DB_USER=" + database.username(), "--FAULTLINE_DB_PASSWORD=" + database.password() };
			try {
				shared = new BackendReplicas(database, BackendProcess.startReplicas(jar, COUNT, onTheDatabase));
			}
			catch (RuntimeException ex) {
				database.close();
				throw ex;
			}
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "backend-replicas-stop"));
		}
		return shared;
	}

	/** The backends, in compose's order: index 0 is backend-1. */
	public List<BackendProcess> backends() {
		return this.backends;
	}

	/** The backend compose calls {@code backend-N}. */
	public BackendProcess named(String name) {
		return this.backends.get(Integer.parseInt(name.substring("backend-".length())) - 1);
	}

	/** Their API roots, comma-separated: {@code faultline.backend.replicas}. */
	public String apiUrls() {
		return String.join(",", this.backends.stream().map(BackendProcess::apiUrl).toList());
	}

	/**
	 * Their management roots, comma-separated: {@code faultline.backend.management-urls}.
	 */
	public String managementUrls() {
		return String.join(",", this.backends.stream().map(BackendProcess::managementUrl).toList());
	}

	/** The database they share. */
	public PostgresServer database() {
		return this.database;
	}

	/** Every backend running and without chaos, whatever a test did to it. */
	public void reviveAll() {
		for (BackendProcess backend : this.backends) {
			backend.revive();
			backend.management("DELETE", "/chaos");
		}
	}

	private void close() {
		this.backends.forEach(BackendProcess::close);
		this.database.close();
	}

}
