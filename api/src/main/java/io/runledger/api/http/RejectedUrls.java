package io.runledger.api.http;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Printable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * URLs the security firewall refuses before any handler runs (encoded {@code %2e}, {@code %2f}, {@code %25},
 * backslashes, {@code ..} segments, control characters): a 400 in the format of the API addressed, naming what was
 * refused, instead of a bare error page. Artifact paths sent in URL paths (the MLflow proxy) meet this first.
 */
@Component
class RejectedUrls implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
			throws IOException {
		Problems.write(request, response, HttpStatus.BAD_REQUEST, "the request URL was refused: "
				+ Printable.abbreviate(e.getMessage(), 200)
				+ "; paths must not contain encoded or double-encoded traversal, backslashes or control characters");
	}
}
