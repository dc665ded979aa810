package dev.faultline.backend.message;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The message REST API on the API port: list, read one, create (idempotently with a key).
 */
@RestController
@RequestMapping(path = "/api/messages", produces = MediaType.APPLICATION_JSON_VALUE)
class MessageController {

	/** Header that makes {@code POST} safe to retry. */
	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Header set to {@code true} on a response that replays an earlier creation. */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,64}");

	private final MessageService messages;

	MessageController(MessageService messages) {
		this.messages = messages;
	}

	@GetMapping
	List<Message> newest(@RequestParam(defaultValue = "20") @Min(value = 1,
			message = "must be between 1 and 100") @Max(value = 100, message = "must be between 1 and 100") int limit) {
		return this.messages.newest(limit);
	}

	@GetMapping("/{id}")
	Message one(@PathVariable long id) {
		return this.messages.find(id);
	}

	/**
	 * Creates a message: {@code 201 Created} with {@code Location}. A replay of an
	 * earlier request with the same key answers exactly as the first time ({@code 201},
	 * same id and {@code Location}) plus {@code Idempotent-Replayed: true}, so a client
	 * that retries sees one uniform answer.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Message> create(@Valid @RequestBody NewMessage request, @RequestHeader HttpHeaders headers) {
		MessageService.Creation creation = this.messages.create(request, idempotencyKey(headers));
		// A path, not an absolute URL built from the request's Host header, which the
		// client controls (RFC 9110
		// allows a relative Location): "Host: evil.example" must not send anyone to
		// evil.example.
		URI location = UriComponentsBuilder.fromPath("/api/messages/{id}")
			.buildAndExpand(creation.message().id())
			.toUri();
		ResponseEntity.BodyBuilder response = ResponseEntity.created(location);
		if (creation.replayed()) {
			response.header(IDEMPOTENT_REPLAYED, "true");
		}
		return response.body(creation.message());
	}

	/**
	 * The key, or {@code null} without the header. Read from the raw headers because
	 * Spring maps an empty header value to "absent", and an empty key must be rejected,
	 * not ignored.
	 */
	@Nullable
	private static String idempotencyKey(HttpHeaders headers) {
		List<String> values = headers.get(IDEMPOTENCY_KEY);
		if (values == null) {
			return null;
		}
		if (values.size() != 1 || !VALID_KEY.matcher(values.get(0)).matches()) {
			throw new InvalidIdempotencyKeyException();
		}
		return values.get(0);
	}

}
