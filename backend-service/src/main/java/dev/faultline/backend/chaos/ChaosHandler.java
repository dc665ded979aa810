package dev.faultline.backend.chaos;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.faultline.backend.system.ProblemResponses;
import dev.faultline.backend.system.ProblemTypes;
import dev.faultline.backend.system.RequestBodies;
import dev.faultline.backend.system.StrictJson;
import dev.faultline.backend.system.Violation;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The chaos control API's handlers: read the request, change the {@link ChaosEngine},
 * answer with the resulting state as indented JSON (it is read by people, on stage), and
 * turn every bad input into a problem+json answer. A rejected request changes nothing,
 * because it is fully validated first.
 */
class ChaosHandler {

	private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {
	};

	private final ChaosEngine engine;

	private final ChaosProperties properties;

	private final FaultSpecReader reader;

	private final ObjectWriter json;

	private final ObjectMapper mapper;

	private final long maxBodyBytes;

	ChaosHandler(ChaosEngine engine, ChaosProperties properties, ObjectMapper mapper, Validator validator,
			long maxBodyBytes) {
		this.engine = engine;
		this.maxBodyBytes = maxBodyBytes;
		this.properties = properties;
		this.reader = new FaultSpecReader(properties.defaultDuration(), validator);
		this.mapper = mapper;
		this.json = mapper.writerWithDefaultPrettyPrinter();
	}

	ServerResponse state(ServerRequest request) throws JsonProcessingException {
		return answer(HttpStatus.OK, MediaType.APPLICATION_JSON, this.engine.state());
	}

	ServerResponse install(ServerRequest request) throws IOException, ServletException {
		Fault fault = fault(request.pathVariable("fault"));
		Settings settings = settings(request);
		this.engine.install(this.reader.read(fault, settings.values(), settings.fromQuery()));
		return state(request);
	}

	ServerResponse remove(ServerRequest request) throws JsonProcessingException {
		this.engine.remove(fault(request.pathVariable("fault")));
		return state(request);
	}

	ServerResponse clear(ServerRequest request) throws JsonProcessingException {
		this.engine.clear();
		return state(request);
	}

	ServerResponse events(ServerRequest request) throws JsonProcessingException {
		return answer(HttpStatus.OK, MediaType.APPLICATION_JSON, new ChaosState.Events(this.engine.events()));
	}

	ServerResponse scenarios(ServerRequest request) throws JsonProcessingException {
		return answer(HttpStatus.OK, MediaType.APPLICATION_JSON, ChaosState.Scenarios.all());
	}

	/**
	 * Installs a scenario in place of every active fault; {@code duration} is the one
	 * setting it takes.
	 */
	ServerResponse installScenario(ServerRequest request) throws IOException, ServletException {
		String name = request.pathVariable("name");
		Scenario scenario = Scenario.of(name)
			.orElseThrow(() -> new UnknownChaosNameException("There is no scenario '" + name + "'; scenarios: "
					+ String.join(", ", Arrays.stream(Scenario.values()).map(Scenario::id).toList()) + "."));
		Settings given = settings(request);
		List<Violation> violations = new ArrayList<>();
		given.values()
			.keySet()
			.stream()
			.filter((key) -> !key.equals("duration"))
			.sorted()
			.forEach((key) -> violations
				.add(new Violation(key, "unknown-field", "is not a setting of a scenario; allowed: duration")));
		if (!violations.isEmpty()) {
			throw new InvalidChaosRequestException(violations);
		}
		List<FaultSpec> specs = scenario.steps().stream().map((step) -> {
			Map<String, Object> settings = new LinkedHashMap<>(step.settings());
			settings.putAll(given.values());
			return this.reader.read(step.fault(), settings, given.fromQuery());
		}).toList();
		this.engine.installScenario(scenario.id(), specs);
		return state(request);
	}

	/** Refuses every call without the configured token; compares in constant time. */
	ServerResponse checkToken(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		if (this.properties.tokenRequired()) {
			String given = request.headers().firstHeader(ChaosProperties.TOKEN_HEADER);
			if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
					this.properties.token().getBytes(StandardCharsets.UTF_8))) {
				return problem(request, ProblemResponses.problem(HttpStatus.UNAUTHORIZED, URI.create("about:blank"),
						"Unauthorized",
						"The chaos API needs the shared token in the " + ChaosProperties.TOKEN_HEADER + " header."));
			}
		}
		return next.handle(request);
	}

	/**
	 * Whether an error raised by a handler is the caller's; anything else is a server
	 * fault, answered as such.
	 */
	static boolean isClientError(Throwable error) {
		return error instanceof ErrorResponseException;
	}

	/** Answers a client error with its problem. */
	ServerResponse handleError(Throwable error, ServerRequest request) {
		try {
			return problem(request, ((ErrorResponseException) error).getBody());
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ServerResponse problem(ServerRequest request, ProblemDetail problem) throws JsonProcessingException {
		problem.setInstance(URI.create(request.path()));
		return answer(HttpStatus.valueOf(problem.getStatus()), MediaType.APPLICATION_PROBLEM_JSON, problem);
	}

	private ServerResponse answer(HttpStatus status, MediaType type, Object body) throws JsonProcessingException {
		return ServerResponse.status(status).contentType(type).body(this.json.writeValueAsString(body) + "\n");
	}

	private static Fault fault(String name) {
		return Fault.of(name)
			.orElseThrow(() -> new UnknownChaosNameException("There is no fault '" + name + "'; faults: "
					+ String.join(", ", Fault.ids(List.of(Fault.values()))) + "."));
	}

	/**
	 * The settings from query parameters and the JSON body together; a name given in both
	 * is an error, since it is not clear which one was meant. A body must be a JSON
	 * object ({@code Content-Type: application/json}), at most the API's
	 * {@code faultline.api.max-body-size}, in strict UTF-8, each key once.
	 */
	private Settings settings(ServerRequest request) throws IOException {
		Map<String, Object> values = new LinkedHashMap<>();
		List<Violation> repeated = new ArrayList<>();
		request.params().forEach((name, list) -> {
			if (list.size() > 1) {
				repeated.add(new Violation(name, "single-value",
						"is given more than once; give it once (a list as one comma-separated value: methods=GET,POST)"));
			}
			values.put(name, list.get(0));
		});
		if (!repeated.isEmpty()) {
			throw new InvalidChaosRequestException(repeated);
		}
		Set<String> fromQuery = Set.copyOf(values.keySet());
		HttpServletRequest servlet = request.servletRequest();
		if (!RequestBodies.present(servlet)) {
			return new Settings(values, fromQuery);
		}
		if (!RequestBodies.isJson(servlet.getContentType())) {
			throw new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
							"Settings go in the query string, or in a JSON object sent with Content-Type: "
									+ "application/json (not " + servlet.getContentType() + ")."),
					null);
		}
		String body = new String(RequestBodies.read(servlet, this.maxBodyBytes), StandardCharsets.UTF_8);
		if (body.isBlank()) {
			return new Settings(values, fromQuery);
		}
		Map<String, Object> fields = jsonObject(body);
		List<Violation> violations = new ArrayList<>();
		fields.forEach((name, value) -> {
			if (values.containsKey(name)) {
				violations.add(new Violation(name, "duplicate", "is given both as a query parameter and in the body"));
			}
			values.put(name, value);
		});
		if (!violations.isEmpty()) {
			throw new InvalidChaosRequestException(violations);
		}
		return new Settings(values, fromQuery);
	}

	/**
	 * The body as a JSON object; anything else (malformed, JSON null, a key given twice)
	 * is the client's error.
	 */
	private Map<String, Object> jsonObject(String body) {
		Map<String, Object> fields;
		try {
			fields = this.mapper.readValue(body, JSON_OBJECT);
		}
		catch (JsonProcessingException ex) {
			String duplicate = StrictJson.duplicateField(ex).orElse(null);
			if (duplicate != null) {
				throw new InvalidChaosRequestException(List.of(StrictJson.duplicate(duplicate)));
			}
			throw malformed();
		}
		if (fields == null) {
			// The body is JSON null: valid JSON, but not the object of settings it must
			// be.
			throw malformed();
		}
		return fields;
	}

	private static ErrorResponseException malformed() {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST,
				ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED, "Malformed request body",
						"The request body must be a JSON object of settings, such as {\"ms\": 3000}."),
				null);
	}

	/**
	 * A request's settings.
	 *
	 * @param values by name: query text, a list of query texts, or a JSON value
	 * @param fromQuery the names that came from the query string
	 */
	private record Settings(Map<String, Object> values, Set<String> fromQuery) {
	}

}
