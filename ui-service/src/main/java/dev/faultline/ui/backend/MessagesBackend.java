package dev.faultline.ui.backend;

import java.io.IOException;
import java.util.List;

import dev.faultline.ui.system.Violation;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.lang.Nullable;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * One HTTP call to the backend's message API, nothing more: no retry, no fallback, no
 * choice of replica (the caller names the {@link Replica}). It turns every failure into a
 * {@link BackendException} that says whether repeating the request is worth it and safe,
 * which is all the resilience layer needs to know.
 *
 * <p>
 * Two instances exist (see {@link BackendClientConfiguration}): one with connect and read
 * timeouts for the protected levels and one with the HTTP client's defaults (no timeouts
 * at all) for the unprotected level.
 */
public class MessagesBackend implements AutoCloseable {

	/**
	 * Qualifier of the client with connect and read timeouts, used by every protected
	 * level.
	 */
	public static final String PROTECTED = "protectedBackend";

	/**
	 * Qualifier of the client with the HTTP library's defaults (no timeouts), used by
	 * level {@code none}.
	 */
	public static final String UNPROTECTED = "unprotectedBackend";

	/**
	 * Header that makes a create request safe to repeat; the backend stores a repeated
	 * request once.
	 */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Header the backend sets on an answer that replays an earlier creation. */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	/** The path of the message API, under each replica's base URL. */
	private static final String MESSAGES = "/api/messages";

	private final RestClient http;

	private final AutoCloseable connections;

	MessagesBackend(RestClient http, AutoCloseable connections) {
		this.http = http;
		this.connections = connections;
	}

	/** The newest messages at the replica, newest first. */
	public List<Message> newest(Replica replica, int limit) {
		try {
			Message[] messages = this.http.get()
				.uri(root(replica) + MESSAGES + "?limit={limit}", limit)
				.accept(MediaType.APPLICATION_JSON)
				.exchange((request, response) -> {
					failUnlessSuccessful(response, true);
					return response.bodyTo(Message[].class);
				});
			return (messages != null) ? List.of(messages) : List.of();
		}
		catch (RestClientException ex) {
			throw new BackendUnavailableException("Could not read the messages", true, ex);
		}
	}

	/**
	 * Creates a message at the replica. Without an idempotency key a failure is never
	 * transient: the backend may have stored the message before the connection broke, so
	 * sending it again could store it twice.
	 */
	public Posted create(Replica replica, NewMessage message, @Nullable String idempotencyKey) {
		boolean safeToRepeat = idempotencyKey != null;
		try {
			return this.http.post()
				.uri(root(replica) + MESSAGES)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.headers((headers) -> {
					if (idempotencyKey != null) {
						headers.set(IDEMPOTENCY_KEY, idempotencyKey);
					}
				})
				.body(message)
				.exchange((request, response) -> {
					failUnlessSuccessful(response, safeToRepeat);
					boolean replayed = "true".equalsIgnoreCase(response.getHeaders().getFirst(IDEMPOTENT_REPLAYED));
					return new Posted(response.bodyTo(Message.class), replayed);
				});
		}
		catch (RestClientException ex) {
			throw new BackendUnavailableException("Could not create the message", safeToRepeat, ex);
		}
	}

	/** Closes the pooled connections; Spring calls it when the context closes. */
	@Override
	public void close() throws Exception {
		this.connections.close();
	}

	/**
	 * The replica's base URL as the start of a URI template: the metrics' {@code uri} tag
	 * stays the API path, and {@code client.name} names the replica's host.
	 */
	private static String root(Replica replica) {
		String base = replica.baseUrl().toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	private static void failUnlessSuccessful(ConvertibleClientHttpResponse response, boolean safeToRepeat)
			throws IOException {
		HttpStatusCode status = response.getStatusCode();
		if (status.is5xxServerError()) {
			throw new BackendServerException(status.value(), safeToRepeat);
		}
		if (status.is4xxClientError()) {
			throw new BackendRejectedException(status.value(), errorsOf(response));
		}
		if (!status.is2xxSuccessful()) {
			throw new BackendServerException(status.value(), false);
		}
	}

	private static List<Violation> errorsOf(ConvertibleClientHttpResponse response) {
		try {
			Problem problem = response.bodyTo(Problem.class);
			return (problem != null && problem.errors() != null) ? problem.errors() : List.of();
		}
		catch (RuntimeException ex) {
			// A 4xx without a readable problem body still is a rejection, just without
			// field details.
			return List.of();
		}
	}

	/** The part of the backend's problem+json answer the UI uses. */
	private record Problem(@Nullable List<Violation> errors) {
	}

}
