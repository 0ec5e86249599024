package io.runledger.tenancy;

import java.util.regex.Pattern;

/** A URL-safe, human-chosen name: lowercase letters, digits and single dashes, 2 to 63 characters. */
public record Slug(String value) {

	private static final Pattern FORM = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,62}");

	public Slug {
		if (value == null || !FORM.matcher(value).matches()) {
			throw new InvalidRequestException("slug must be 2-63 lowercase letters, digits or single dashes, "
					+ "starting and ending with a letter or digit, got '" + Printable.abbreviate(value) + "'");
		}
	}

	@Override
	public String toString() {
		return value;
	}
}
