package dev.faultline.backend.chaos;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Drops the connection of a request that {@link ChaosFilter} marked, without sending what
 * is left of the response. The servlet API cannot close a connection; Tomcat's
 * {@code CLOSE_NOW} action, which Tomcat itself uses to signal a broken response, can:
 * nothing unsent goes out, and the socket is closed.
 */
class ConnectionAbortValve extends ValveBase {

	private static final String ABORT = ConnectionAbortValve.class.getName() + ".abort";

	ConnectionAbortValve() {
		super(true);
	}

	/**
	 * Marks the request so that its connection is dropped once the filter chain returns.
	 */
	static void abort(ServletRequest request) {
		request.setAttribute(ABORT, Boolean.TRUE);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		getNext().invoke(request, response);
		if (Boolean.TRUE.equals(request.getAttribute(ABORT))) {
			response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
		}
	}

}
