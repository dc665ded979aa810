package dev.faultline.fuzz;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One request to send. {@code target} is the path and query exactly as sent; over a
 * socket each of its characters is one byte (ISO-8859-1), and so is each character of a
 * header value ({@link Text#latin1Of} makes UTF-8 bytes).
 */
final class Probe {

	/** What a browser sends as {@code Accept} for a page. */
	static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

	final Api api;

	final String method;

	final URI base;

	final String target;

	final List<String[]> headers = new ArrayList<>();

	byte[] body;

	String note;

	Expect expect = Expect.ANY;

	/** Sent over a plain socket even if the JDK client could send it. */
	boolean raw;

	/**
	 * Tomcat may refuse the request line with its own HTML 400 before any application
	 * code runs.
	 */
	boolean requestLineOddity;

	/** A browser-facing page or form post: a text/html error page is a fine answer. */
	boolean page;

	/** A Server-Sent Events stream: only its head and first bytes are read. */
	boolean stream;

	Probe(Api api, String method, URI base, String target) {
		this.api = api;
		this.method = method;
		this.base = base;
		this.target = target;
	}

	Probe header(String name, String value) {
		this.headers.add(new String[] { name, value });
		return this;
	}

	Probe body(String contentType, byte[] bytes) {
		if (contentType != null) {
			header("Content-Type", contentType);
		}
		this.body = bytes;
		return this;
	}

	Probe expect(Expect expect) {
		this.expect = expect;
		return this;
	}

	Probe expect(Validity validity) {
		return expect(validity.expect());
	}

	Probe note(String note) {
		this.note = note;
		return this;
	}

	Probe oddRequestLine() {
		this.requestLineOddity = true;
		this.raw = true;
		return this;
	}

	Probe page() {
		this.page = true;
		return this;
	}

	Probe stream() {
		this.stream = true;
		return this;
	}

	String header(String name) {
		return this.headers.stream()
			.filter((header) -> header[0].equalsIgnoreCase(name))
			.map((header) -> header[1])
			.findFirst()
			.orElse(null);
	}

	String url() {
		return this.base + this.target;
	}

	/**
	 * Whether the JDK client cannot send this request as it is, so that it goes over a
	 * plain socket.
	 */
	boolean needsSocket() {
		if (this.raw) {
			return true;
		}
		try {
			URI.create(url());
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
		Set<String> names = new HashSet<>();
		for (String[] header : this.headers) {
			String name = header[0].toLowerCase(Locale.ROOT);
			String value = header[1];
			if (!names.add(name) || RESTRICTED.contains(name) || value.isEmpty() || !value.equals(value.strip())
					|| !value.chars().allMatch((c) -> c >= 0x20 && c < 0x7F)) {
				return true;
			}
		}
		return false;
	}

	String describe() {
		return this.method + " " + Text.excerpt(url(), 160);
	}

	/** The body's type, what it is (a note), its start and size. */
	String bodyExcerpt() {
		if (this.body == null) {
			return "-";
		}
		String type = header("Content-Type");
		String excerpt = Text.excerpt(new String(this.body, StandardCharsets.ISO_8859_1), 60);
		String size = (this.body.length > 60) ? " (" + this.body.length + " bytes)" : "";
		return "[" + ((type != null) ? type : "no type") + "] " + ((this.note != null) ? this.note + ": " : "")
				+ excerpt + size;
	}

	/** A curl command that sends (nearly) the same request, for the summary. */
	String curl() {
		StringBuilder curl = new StringBuilder("curl -si --globoff --path-as-is");
		if (this.method.equals("HEAD")) {
			curl.append(" -I");
		}
		else if (!(this.method.equals("GET") && this.body == null)) {
			curl.append(" -X ").append(this.method);
		}
		for (String[] header : this.headers) {
			curl.append(" -H ")
				.append(Text.bashQuote(header[1].isEmpty() ? header[0] + ";" : header[0] + ": " + header[1]));
		}
		if (this.body != null) {
			if (this.body.length <= 2000) {
				curl.append(" --data-binary ")
					.append(Text.bashQuote(new String(this.body, StandardCharsets.ISO_8859_1)));
			}
			else {
				curl.append(" --data-binary @body  # ")
					.append(this.body.length)
					.append(" bytes: ")
					.append(bodyExcerpt());
			}
		}
		return curl.append(' ').append(Text.bashQuote(url())).toString();
	}

}
