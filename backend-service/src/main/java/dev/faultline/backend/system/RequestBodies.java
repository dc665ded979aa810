package dev.faultline.backend.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.lang.Nullable;
import org.springframework.web.ErrorResponseException;

/**
 * Reads a request body the one way both of the backend's servers do: whole, at most a
 * limit of bytes, and, when it is JSON, as strict UTF-8. JSON is UTF-8 by definition (RFC
 * 8259); a lenient decoder would turn an overlong or invalid sequence into some other
 * character than the client sent, so such a body is refused instead.
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * Whether the request says it has a body: a positive length, or chunked transfer
	 * encoding.
	 */
	public static boolean present(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
	}

	/**
	 * The whole body.
	 * @throws ErrorResponseException a 413 problem when it is larger than {@code limit},
	 * a 400 problem when a JSON body is not valid UTF-8
	 */
	public static byte[] read(HttpServletRequest request, long limit) throws IOException {
		if (request.getContentLengthLong() > limit) {
			throw tooLarge(limit);
		}
		MediaType type = mediaType(request.getContentType());
		boolean json = isJson(type);
		if (json && type.getParameter("charset") != null && !isUtf8(type)) {
			// Decoding as the declared charset would store other characters than a UTF-8
			// client sent: JSON is UTF-8.
			throw new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
							"JSON is UTF-8 (RFC 8259): send Content-Type: application/json, without a charset or with "
									+ "charset=utf-8 (not " + type.getParameter("charset") + ")."),
					null);
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		try (InputStream in = request.getInputStream()) {
			byte[] buffer = new byte[8192];
			for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
				body.write(buffer, 0, n);
				if (body.size() > limit) {
					throw tooLarge(limit);
				}
			}
		}
		byte[] bytes = body.toByteArray();
		if (json) {
			int invalidAt = firstInvalidUtf8Byte(bytes);
			if (invalidAt >= 0) {
				throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
						ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED,
								"Malformed request body", "The request body is not valid UTF-8 (byte " + invalidAt
										+ "): JSON must be UTF-8, without overlong or invalid sequences."),
						null);
			}
		}
		return bytes;
	}

	/** The 413 problem for a body over the limit. */
	private static ErrorResponseException tooLarge(long limit) {
		return new ErrorResponseException(HttpStatus.PAYLOAD_TOO_LARGE,
				ProblemResponses.problem(HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.TOO_LARGE, "Request body too large",
						"The request body must not be larger than " + limit + " bytes."),
				null);
	}

	/**
	 * The offset of the first byte that is not part of a well-formed UTF-8 sequence, or
	 * -1.
	 */
	private static int firstInvalidUtf8Byte(byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate(bytes.length + 1);
		CoderResult result = decoder.decode(in, out, true);
		if (result.isError()) {
			return in.position();
		}
		result = decoder.flush(out);
		return result.isError() ? in.position() : -1;
	}

	/**
	 * Whether the declared charset is UTF-8, quoted or not; an unknown charset is not.
	 */
	private static boolean isUtf8(MediaType type) {
		try {
			return StandardCharsets.UTF_8.equals(type.getCharset());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Whether the content type is JSON ({@code application/json} or any {@code +json}).
	 */
	public static boolean isJson(@Nullable String contentType) {
		return isJson(mediaType(contentType));
	}

	private static boolean isJson(@Nullable MediaType type) {
		return type != null
				&& (type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json"));
	}

	@Nullable
	private static MediaType mediaType(@Nullable String contentType) {
		if (contentType == null) {
			return null;
		}
		try {
			return MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

}
