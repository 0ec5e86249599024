package io.runledger.api.http;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Writes RFC 9457 problem documents from places that run before Spring MVC (filters, security). */
final class Problems {

	private Problems() {
	}

	static ProblemDetail of(HttpStatus status, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://runledger.io/problems/" + slug(status)));
		return problem;
	}

	static String slug(HttpStatus status) {
		return status.getReasonPhrase().toLowerCase().replace(' ', '-').replace("'", "");
	}

	/**
	 * Writes an error from a filter in the format of the API the request addressed: MLflow's
	 * {@code {"error_code", "message"}} under the MLflow paths (its clients parse nothing else), problem+json elsewhere.
	 */
	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		if (MlflowErrors.addresses(request)) {
			MlflowErrors.write(response, status, detail);
		}
		else {
			write(response, status, detail);
		}
	}

	static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		var body = """
				{"type":"https://runledger.io/problems/%s","title":"%s","status":%d,"detail":"%s"}"""
			.formatted(slug(status), status.getReasonPhrase(), status.value(), escape(detail));
		response.getWriter().write(body);
	}

	static String escape(String text) {
		var out = new StringBuilder();
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}
}
