package dev.faultline.fuzz;

/**
 * A form post with the author and text it should store (null when not predictable) and
 * its key.
 */
record FormPost(Probe probe, String author, String text, String key, Expect expect) {
}
