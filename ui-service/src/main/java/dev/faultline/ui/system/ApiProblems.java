package dev.faultline.ui.system;

import dev.faultline.ui.resilience.ProtectionLevel;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place the UI's JSON endpoints (the {@code @RestController}s: feed, dashboard)
 * turn exceptions into problem+json: Spring MVC's own, and every
 * {@code ErrorResponseException} ours throws with its problem
 * ({@link InvalidRequestException}, a full stream pool, an unavailable chaos API, a
 * failure at level none). Pages keep their HTML error page ({@link ErrorPages}).
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		InvalidRequestException invalid = ProtectionLevel.class.equals(ex.getRequiredType())
				? new InvalidRequestException(name, "allowed-values", "must be one of: " + ProtectionLevel.allowedIds())
				: new InvalidRequestException(name, "type", "must be a whole number");
		return handleExceptionInternal(invalid, invalid.getBody(), headers, invalid.getStatusCode(), request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		InvalidRequestException invalid = new InvalidRequestException(ex.getParameterName(), "required", "is required");
		return handleExceptionInternal(invalid, invalid.getBody(), headers, invalid.getStatusCode(), request);
	}

}
