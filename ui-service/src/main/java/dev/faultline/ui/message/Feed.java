package dev.faultline.ui.message;

import java.util.List;

import dev.faultline.ui.backend.FailureReason;
import dev.faultline.ui.backend.Message;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.Source;

import org.springframework.lang.Nullable;

/**
 * The messages shown at one level and where they came from: the model of the page and the
 * body of {@code GET /api/feed}.
 *
 * @param level the protection level used
 * @param source {@code live}, {@code cache} or {@code none}
 * @param reason why the live call failed ({@code timeout}, {@code circuit open},
 * {@code bulkhead full}, {@code attempt pool full}, {@code backend error},
 * {@code refused}); {@code null} when live
 * @param ageMs age of the cached messages; {@code null} unless the source is
 * {@code cache}
 * @param backendCalls HTTP attempts this request made to the backend (0 when the breaker
 * or bulkhead said no)
 * @param elapsedMs how long the UI took to get the answer, backend latency included
 * @param replica the backend replica that answered, {@code host:port} such as
 * {@code backend-1:8081}; {@code null} unless the source is {@code live}
 * @param messages newest first
 */
public record Feed(ProtectionLevel level, Source source, @Nullable FailureReason reason, @Nullable Long ageMs,
		int backendCalls, long elapsedMs, @Nullable String replica, List<Message> messages) {

	/** The age in whole seconds, for the page. */
	public long ageSeconds() {
		return (this.ageMs != null) ? this.ageMs / 1000 : 0;
	}

}
