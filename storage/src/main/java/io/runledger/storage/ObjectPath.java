package io.runledger.storage;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Printable;

/**
 * A file path inside an artifact, as a client names it ({@code checkpoints/epoch-3/model.pt}), checked once here so
 * that no other code has to think about traversal. Object keys are built only from these (see {@link ObjectKey}).
 * The text is taken as already URL-decoded once by whoever received it; anything that still looks encoded is refused,
 * because a second decoder somewhere downstream (a proxy, a client's download code) would otherwise turn
 * {@code %2e%2e} into {@code ..}. Every refusal is an {@link InvalidRequestException} naming the problem (400).
 */
public record ObjectPath(String value) {

	/** S3 allows 1,024 bytes per key; the prefix {@code orgs/<uuid>/artifacts/<uuid>/<version>/} needs about 100. */
	public static final int MAX_BYTES = 900;

	public static final int MAX_SEGMENT_BYTES = 255;

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

	private static final Pattern PERCENT_ENCODED = Pattern.compile("%[0-9A-Fa-f]{2}");

	public ObjectPath {
		value = check(value);
	}

	public static ObjectPath of(String text) {
		return new ObjectPath(text);
	}

	/** The last segment: what a listing shows as the file name. */
	public String fileName() {
		return value.substring(value.lastIndexOf('/') + 1);
	}

	/** True when this path lies at or under {@code directory} (a path prefix ending at a segment boundary). */
	public boolean isUnder(ObjectPath directory) {
		return value.startsWith(directory.value + "/");
	}

	private static String check(String path) {
		if (path == null || path.isEmpty()) {
			throw invalid("path must not be empty", path);
		}
		var bytes = path.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_BYTES) {
			throw new InvalidRequestException("path is too long: " + bytes + " bytes, at most " + MAX_BYTES);
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == 0) {
				throw invalid("path must not contain a NUL character", path);
			}
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				throw invalid("path must not contain control characters (found U+"
						+ String.format(Locale.ROOT, "%04X", (int) c) + ")", path);
			}
			if (Character.isSurrogate(c) && !validSurrogatePair(path, i)) {
				throw invalid("path must be valid Unicode text", path);
			}
		}
		if (path.indexOf('\\') >= 0) {
			throw invalid("path must not contain backslashes; use '/' between segments", path);
		}
		if (PERCENT_ENCODED.matcher(path).find()) {
			throw invalid("path must not contain percent-encoded sequences (such as %2e or %2f); send it decoded once",
					path);
		}
		if (SCHEME.matcher(path).find()) {
			throw invalid("path must be relative, not a URL (scheme '" + path.substring(0, path.indexOf(':'))
					+ ":' found); the server never fetches URLs", path);
		}
		if (path.startsWith("/")) {
			throw invalid("path must be relative, not absolute", path);
		}
		if (path.endsWith("/")) {
			throw invalid("path must name a file, not end with '/'", path);
		}
		for (var segment : path.split("/", -1)) {
			if (segment.equals("..")) {
				throw invalid("path must not contain '..' segments", path);
			}
			if (segment.equals(".")) {
				throw invalid("path must not contain '.' segments", path);
			}
			if (segment.isEmpty()) {
				throw invalid("path must not contain empty segments ('//')", path);
			}
			if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
				throw invalid("path segments must be at most " + MAX_SEGMENT_BYTES + " bytes", path);
			}
		}
		return path;
	}

	private static boolean validSurrogatePair(String text, int i) {
		char c = text.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
	}

	private static InvalidRequestException invalid(String problem, String path) {
		return new InvalidRequestException(problem + ", got '" + Printable.abbreviate(path) + "'");
	}

	@Override
	public String toString() {
		return value;
	}
}
