package dev.faultline.fuzz;

/** What became of a request: answered, timed out, or closed without an answer. */
enum Outcome {

	ANSWERED, TIMEOUT, NO_ANSWER

}
