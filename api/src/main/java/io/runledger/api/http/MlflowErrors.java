package io.runledger.api.http;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * MLflow's error wire format, {@code {"error_code": "...", "message": "..."}}, with the codes its clients act on
 * (for example, they retry REQUEST_LIMIT_EXCEEDED after {@code Retry-After}). Used for requests under the MLflow paths.
 */
public final class MlflowErrors {

	private MlflowErrors() {
	}

	public static boolean addresses(HttpServletRequest request) {
		var path = request.getRequestURI();
		return path.startsWith("/api/2.0/mlflow") || path.startsWith("/ajax-api/2.0/mlflow")
				|| path.startsWith("/api/2.0/mlflow-artifacts") || path.startsWith("/ajax-api/2.0/mlflow-artifacts");
	}

	/** The MLflow error code MLflow itself uses for an HTTP status. */
	public static String codeFor(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "INVALID_PARAMETER_VALUE";
			case UNAUTHORIZED -> "UNAUTHENTICATED";
			case FORBIDDEN -> "PERMISSION_DENIED";
			case NOT_FOUND -> "RESOURCE_DOES_NOT_EXIST";
			case CONFLICT -> "RESOURCE_CONFLICT";
			case TOO_MANY_REQUESTS -> "REQUEST_LIMIT_EXCEEDED";
			case CONTENT_TOO_LARGE -> "INVALID_PARAMETER_VALUE";
			case NOT_IMPLEMENTED -> "NOT_IMPLEMENTED";
			case SERVICE_UNAVAILABLE -> "TEMPORARILY_UNAVAILABLE";
			default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR";
		};
	}

	public static void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
		write(response, status, codeFor(status), message);
	}

	public static void write(HttpServletResponse response, HttpStatus status, String code, String message)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write("{\"error_code\":\"" + code + "\",\"message\":\"" + Problems.escape(message) + "\"}");
	}
}
