package dev.faultline.ui.system;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The UI's one answer to every error that leaves Spring MVC or Spring Security as a
 * status (404, 405, 413, 415, a CSRF 403): people get the error page, programs get
 * problem+json. A request is a program's when its path is under {@code /api/},
 * {@code /dashboard/} or {@code /actuator}, or when it does not accept HTML.
 */
@Controller
class ErrorPages implements ErrorController {

	private static final List<String> API_PREFIXES = List.of("/api/", "/dashboard/", "/actuator");

	@RequestMapping("${server.error.path:/error}")
	Object error(HttpServletRequest request) {
		HttpStatus status = status(request);
		String path = path(request);
		if (isApi(path, request.getHeader("Accept"))) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
			try {
				problem.setInstance(URI.create(path));
			}
			catch (IllegalArgumentException ex) {
				// Not a valid URI reference: the problem is complete without it.
			}
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		return new ModelAndView("error", Map.of("status", status.value(), "error", status.getReasonPhrase()), status);
	}

	static boolean isApi(String path, String accept) {
		if (API_PREFIXES.stream().anyMatch(path::startsWith)) {
			return true;
		}
		try {
			return accept != null && MediaType.parseMediaTypes(accept)
				.stream()
				.noneMatch((type) -> type.includes(MediaType.TEXT_HTML) && !type.isWildcardType());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** What went wrong, in words a caller can act on. */
	private static String detail(HttpStatus status) {
		return switch (status) {
			case FORBIDDEN ->
				"The request needs this page's CSRF token (header X-CSRF-TOKEN, or the form's _csrf field); "
						+ "reload the page to get a fresh one.";
			case NOT_FOUND -> "No resource at this path.";
			case METHOD_NOT_ALLOWED -> "This path does not take this HTTP method.";
			case PAYLOAD_TOO_LARGE -> "The request body is larger than this service accepts.";
			case UNSUPPORTED_MEDIA_TYPE ->
				"This endpoint takes no body of this type; the form posts " + "application/x-www-form-urlencoded.";
			default -> status.getReasonPhrase() + ".";
		};
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null) ? status : HttpStatus.NOT_FOUND;
	}

	private static String path(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return String.valueOf((uri != null) ? uri : request.getRequestURI());
	}

}
