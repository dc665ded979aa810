package dev.faultline.backend.testsupport;

import dev.faultline.testsupport.ErrorLog;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Base of the backend's fuzz properties (jqwik): one real backend for the class, and a
 * watch on ERROR lines that every try starts clean from.
 */
public abstract class BackendFuzzing {

	/** The backend under test. */
	protected static RunningBackend backend;

	/** Every ERROR logged while the class runs. */
	protected static ErrorLog errorLog;

	@BeforeContainer
	static void startBackend() throws Exception {
		backend = RunningBackend.start();
		errorLog = ErrorLog.open();
	}

	@AfterContainer
	static void stopBackend() throws Exception {
		errorLog.close();
		backend.close();
	}

	/**
	 * Each try sees only the ERROR lines it caused itself; the property asserts there are
	 * none.
	 */
	@BeforeTry
	void forgetEarlierLines() {
		errorLog.clear();
	}

}
