package io.runledger.api.http;

import jakarta.servlet.http.HttpServletRequest;

/** Which part of the application a request addresses, for filters that run before any handler is chosen. */
final class ApiPaths {

	private ApiPaths() {
	}

	/** Our native API and the MLflow-compatible one (including the MLflow UI's {@code ajax-api}). */
	static boolean isApi(HttpServletRequest request) {
		var path = request.getRequestURI();
		return path.startsWith("/api/") || path.startsWith("/ajax-api/");
	}

	/** An anonymous read of a report share link: the token in the path is the credential. */
	static boolean isShareLinkRead(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) && request.getRequestURI().startsWith(ShareLinkAccess.PREFIX);
	}

	/** Liveness and readiness checks (and plain health): answered whatever else goes on with the caller. */
	static boolean isHealthProbe(HttpServletRequest request) {
		var path = request.getRequestURI();
		return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
	}
}
