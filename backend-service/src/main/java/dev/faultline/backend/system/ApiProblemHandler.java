package dev.faultline.backend.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 9457 {@code application/problem+json} answer. Spring
 * MVC's own exceptions (404, 405, 415, ...) keep their status; bad input is a 400 whose
 * {@code errors} list names each field and rule; a database that cannot be reached or
 * does not answer in time is a 503; anything unexpected is a 500 without a stack trace.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Violation> violations = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(ApiProblemHandler::violation)
			.toList();
		return handleExceptionInternal(ex, invalid(violations), headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Violation> violations = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors errors) {
				errors.getFieldErrors().forEach((error) -> violations.add(violation(error)));
			}
			else {
				String name = parameterName(result.getMethodParameter());
				for (MessageSourceResolvable error : result.getResolvableErrors()) {
					violations.add(new Violation(name, rule(error.getCodes()), error.getDefaultMessage()));
				}
			}
		}
		return handleExceptionInternal(ex, invalid(violations), headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String type = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName().toLowerCase(Locale.ROOT)
				: "value";
		Violation violation = new Violation(ex.getPropertyName(), "type", "must be a valid " + type);
		return handleExceptionInternal(ex, invalid(List.of(violation)), headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		ProblemDetail problem;
		String duplicate = StrictJson.duplicateField(cause).orElse(null);
		if (duplicate != null) {
			problem = invalid(List.of(StrictJson.duplicate(duplicate)));
		}
		else if (cause instanceof UnrecognizedPropertyException unknown) {
			String allowed = unknown.getKnownPropertyIds()
				.stream()
				.map(String::valueOf)
				.sorted()
				.collect(Collectors.joining(", "));
			problem = invalid(List.of(new Violation(path(unknown), "unknown-field",
					"is not a field of this request; allowed fields: " + allowed)));
		}
		else if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			String type = (mismatch.getTargetType() != null)
					? mismatch.getTargetType().getSimpleName().toLowerCase(Locale.ROOT) : "value";
			problem = invalid(List.of(new Violation(path(mismatch), "type", "must be a JSON " + type)));
		}
		else if (cause instanceof JsonProcessingException json) {
			String where = (json.getLocation() != null)
					? " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr()
					: "";
			problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED, "Malformed request body",
					"The request body is not a valid JSON object" + where + ".");
		}
		else {
			problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED, "Malformed request body",
					"A JSON object is required as the request body.");
		}
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * The last line of defence: a real server fault, logged here with its stack trace and
	 * never sent out; unless the database is unavailable for now (unreachable, hanging,
	 * too slow). That is no bug here but a dependency's failure: a 503, retryable (the UI
	 * retries it), logged as one WARN line without a stack trace, since the cause is
	 * outside this process and readiness reports it meanwhile. Looked for in the whole
	 * cause chain, since Spring Data JDBC wraps what the database said in an exception of
	 * its own.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		Optional<Throwable> unavailable = DatabaseFailures.unavailability(ex);
		if (unavailable.isPresent()) {
			log.warn("Database unavailable, answered 503: {}", unavailable.get().getMessage());
			ProblemDetail problem = ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE,
					ProblemTypes.DATABASE_UNAVAILABLE, "Database unavailable",
					"The database did not answer in time. Retry shortly; a write retried with the same "
							+ "Idempotency-Key is never stored twice.");
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "1")
				.body(problem);
		}
		log.error("Unexpected error", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server failed unexpectedly; the error has been logged.");
		problem.setTitle("Internal Server Error");
		return ResponseEntity.internalServerError().body(problem);
	}

	private static ProblemDetail invalid(List<Violation> violations) {
		return ProblemResponses.invalid(violations);
	}

	private static Violation violation(FieldError error) {
		return new Violation(error.getField(), rule(error.getCodes()), error.getDefaultMessage());
	}

	/**
	 * The constraint's simple name in kebab case: {@code NotNull} becomes
	 * {@code not-null}.
	 */
	private static String rule(@Nullable String[] codes) {
		if (codes == null || codes.length == 0) {
			return "invalid";
		}
		String code = codes[codes.length - 1];
		return code.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static String parameterName(MethodParameter parameter) {
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		if (header != null && !header.name().isEmpty()) {
			return header.name();
		}
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		if (param != null && !param.name().isEmpty()) {
			return param.name();
		}
		return parameter.getParameterName();
	}

	private static String path(JsonMappingException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getFieldName() != null) ? ref.getFieldName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."));
	}

}
