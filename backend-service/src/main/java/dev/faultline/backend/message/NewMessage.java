package dev.faultline.backend.message;

import dev.faultline.text.MaxCodePoints;
import dev.faultline.text.MessageText;
import dev.faultline.text.PlainText;
import dev.faultline.text.Visible;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /api/messages}. Both fields are trimmed of Unicode white space
 * before they are validated, so {@code " Ada "} is stored as {@code "Ada"}; the rules are
 * {@link MessageText}'s, the same the UI checks its form with.
 *
 * @param author who writes: visible, 1 to 40 characters (code points) after trimming,
 * plain text
 * @param text what they write: visible, 1 to 280 characters (code points) after trimming,
 * plain text
 */
record NewMessage(
		@NotNull(message = "is required") @Visible @MaxCodePoints(MessageText.AUTHOR_MAX) @PlainText String author,
		@NotNull(message = "is required") @Visible @MaxCodePoints(MessageText.TEXT_MAX) @PlainText String text) {

	NewMessage {
		author = MessageText.trim(author);
		text = MessageText.trim(text);
	}

}
