package dev.faultline.backend.message;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/messages}. Both fields are trimmed before they are validated, so
 * {@code "  "} is empty and {@code " Ada "} is stored as {@code "Ada"}.
 *
 * @param author who writes, 1 to 40 characters after trimming, no control characters
 * @param text what they write, 1 to 280 characters after trimming, no control characters
 */
record NewMessage(
		@NotNull(message = "is required")
		@Size(min = 1, max = 40, message = "must be 1 to 40 characters after trimming")
		@Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
		String author,
		@NotNull(message = "is required")
		@Size(min = 1, max = 280, message = "must be 1 to 280 characters after trimming")
		@Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
		String text) {

	static final String NO_CONTROL_CHARACTERS = "\\P{Cc}*";

	NewMessage {
		author = (author != null) ? author.strip() : null;
		text = (text != null) ? text.strip() : null;
	}

}
