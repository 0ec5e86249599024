package io.runledger.api.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The single credential a request presents, read from {@code Authorization: Bearer <key>},
 * {@code Authorization: Basic <user:key>} (what MLflow clients send with a username and password) or
 * {@code X-Api-Key}. More than one credential is refused outright, never merged.
 */
record PresentedCredential(String secret) {

	static Optional<PresentedCredential> from(HttpServletRequest request) {
		var found = new ArrayList<String>();
		for (String value : Collections.list(request.getHeaders("Authorization"))) {
			found.add(value);
		}
		for (String value : Collections.list(request.getHeaders("X-Api-Key"))) {
			found.add("X-Api-Key " + value);
		}
		if (found.isEmpty()) {
			return Optional.empty();
		}
		if (found.size() > 1) {
			throw new RejectedCredential(true,
					"request carries " + found.size() + " credentials (" + schemes(found) + "); send exactly one");
		}
		return Optional.of(parse(found.getFirst()));
	}

	private static PresentedCredential parse(String header) {
		int space = header.indexOf(' ');
		var scheme = space < 0 ? header : header.substring(0, space);
		var value = space < 0 ? "" : header.substring(space + 1).strip();
		if (value.isEmpty()) {
			throw new RejectedCredential(false, scheme + " credential is empty");
		}
		if (value.contains(",") || value.contains(" ")) {
			throw new RejectedCredential(true, "Authorization header carries more than one credential; send exactly one");
		}
		return switch (scheme.toLowerCase()) {
			case "bearer", "x-api-key" -> new PresentedCredential(value);
			case "basic" -> new PresentedCredential(basicPassword(value));
			default -> throw new RejectedCredential(false,
					"unsupported Authorization scheme; use Bearer <api key> or Basic with the key as password");
		};
	}

	private static String basicPassword(String encoded) {
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			throw new RejectedCredential(false, "Basic credential is not valid base64");
		}
		int colon = decoded.indexOf(':');
		if (colon < 0) {
			throw new RejectedCredential(false, "Basic credential must be user:password with the API key as password");
		}
		return decoded.substring(colon + 1);
	}

	private static String schemes(List<String> headers) {
		return String.join(", ", headers.stream().map(h -> h.split(" ", 2)[0]).toList());
	}

	/** Malformed or multiple credentials; {@code badRequest} distinguishes 400 (ambiguous) from 401 (unusable). */
	static final class RejectedCredential extends RuntimeException {

		private final boolean badRequest;

		RejectedCredential(boolean badRequest, String message) {
			super(message);
			this.badRequest = badRequest;
		}

		boolean badRequest() {
			return badRequest;
		}
	}
}
