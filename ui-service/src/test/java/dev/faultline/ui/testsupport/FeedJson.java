package dev.faultline.ui.testsupport;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/feed} as a test reads it: the documented contract, field by field.
 *
 * @param level the level id
 * @param source live, cache or none
 * @param reason why the live call failed, or {@code null}
 * @param ageMs the cache age, or {@code null}
 * @param backendCalls HTTP attempts made for this request
 * @param elapsedMs the UI's time to answer
 * @param replica the backend replica that answered ({@code host:port}), or {@code null}
 * @param messages the messages as JSON objects
 */
public record FeedJson(String level, String source, String reason, Long ageMs, int backendCalls, long elapsedMs,
		String replica, List<Map<String, Object>> messages) {
}
