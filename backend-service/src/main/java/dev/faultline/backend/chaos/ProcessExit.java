package dev.faultline.backend.chaos;

/**
 * Ends the process for the {@code crash} fault; a bean, so that tests can replace it and
 * live on.
 */
@FunctionalInterface
interface ProcessExit {

	/** Exits with the given status. */
	void exit(int status);

}
