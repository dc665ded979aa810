package dev.faultline.testsupport;

/**
 * One backend jar on its own embedded database, started once per test JVM for the
 * {@code *IT} classes that need a real backend and nothing special about it, and stopped
 * when the JVM exits, so that each class does not pay for a start of its own. Each class
 * gets it healthy: running (started again when a class stopped or killed it, resumed when
 * one paused it) and without chaos. A class must not close it; one that needs a backend
 * of its own (another database, a restart on its data) starts a {@link BackendProcess}.
 */
public final class SharedBackend {

	private static BackendProcess shared;

	private SharedBackend() {
	}

	/**
	 * The backend, started on the first call and healed on every later one; skips the
	 * test class (the reason printed) when the backend jar has not been built.
	 */
	public static synchronized BackendProcess startOrSkip(Class<?> testClass) {
		if (shared == null) {
			shared = BackendProcess.startOrSkip(testClass);
		}
		else {
			shared.revive();
			shared.management("DELETE", "/chaos");
		}
		return shared;
	}

}
