package dev.faultline.ui.message;

import java.util.UUID;

import dev.faultline.text.MaxCodePoints;
import dev.faultline.text.MessageText;
import dev.faultline.text.PlainText;
import dev.faultline.text.Visible;
import dev.faultline.ui.backend.NewMessage;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The posting form. It carries an idempotency key generated when the form is rendered, so
 * that a retried post and a double submit store the message once. The author and text
 * rules are the backend's own ({@link MessageText}), so the form and the API never
 * disagree.
 */
public class MessageForm {

	/**
	 * What the backend accepts as an Idempotency-Key: 1 to 64 visible ASCII characters.
	 */
	static final String KEY_PATTERN = "[\\x21-\\x7E]{1,64}";

	@NotNull
	@Visible
	@MaxCodePoints(MessageText.AUTHOR_MAX)
	@PlainText
	private String author;

	@NotNull
	@Visible
	@MaxCodePoints(MessageText.TEXT_MAX)
	@PlainText
	private String text;

	/**
	 * Optional (a post without one works, it is just not safe to retry); when given, one
	 * the backend accepts.
	 */
	@Pattern(regexp = KEY_PATTERN)
	private String idempotencyKey;

	/** An empty form with a fresh idempotency key. */
	static MessageForm blank() {
		MessageForm form = new MessageForm();
		form.renewIdempotencyKey();
		return form;
	}

	/**
	 * Gives the form a new key: what it holds from now on is a new message, not a retry
	 * of the last one.
	 */
	void renewIdempotencyKey() {
		this.idempotencyKey = UUID.randomUUID().toString();
	}

	NewMessage toNewMessage() {
		return new NewMessage(this.author, this.text);
	}

	public String getAuthor() {
		return this.author;
	}

	public void setAuthor(String author) {
		this.author = author;
	}

	public String getText() {
		return this.text;
	}

	public void setText(String text) {
		this.text = text;
	}

	public String getIdempotencyKey() {
		return this.idempotencyKey;
	}

	public void setIdempotencyKey(String idempotencyKey) {
		this.idempotencyKey = idempotencyKey;
	}

}
