package dev.faultline.ui.message;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.faultline.ui.backend.NewMessage;

/**
 * The posting form. It carries an idempotency key generated when the form is rendered, so that a retried post and
 * a double submit store the message once. The rules mirror the backend's, so most mistakes are caught here.
 */
public class MessageForm {

	/** Letters, digits, punctuation and spaces: no control characters, as the backend requires. */
	static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}]*";

	@NotBlank
	@Size(max = 40)
	@Pattern(regexp = NO_CONTROL_CHARACTERS, message = "{message.form.control-characters}")
	private String author;

	@NotBlank
	@Size(max = 280)
	@Pattern(regexp = NO_CONTROL_CHARACTERS, message = "{message.form.control-characters}")
	private String text;

	@Pattern(regexp = "[\\x21-\\x7E]{1,64}")
	private String idempotencyKey;

	/** An empty form with a fresh idempotency key. */
	static MessageForm blank() {
		MessageForm form = new MessageForm();
		form.setIdempotencyKey(UUID.randomUUID().toString());
		return form;
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
