package io.runledger.tenancy;

import java.util.UUID;
import java.util.regex.Pattern;

/** Parsing ids from the wire, for tenancy's id types and the id types of other modules alike. */
public final class Ids {

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private Ids() {
	}

	/** A canonical UUID, or a 400 naming {@code what} and the text. */
	public static UUID parse(String text, String what) {
		// UUID.fromString accepts odd forms like "1-1-1-1-1"; ids on the wire are canonical only.
		if (text == null || !UUID_TEXT.matcher(text).matches()) {
			throw new InvalidRequestException(what + " must be a UUID, got '" + Printable.abbreviate(text) + "'");
		}
		return UUID.fromString(text);
	}
}
