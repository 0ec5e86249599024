package io.runledger.api.artifacts;

import java.util.regex.Pattern;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Printable;

/**
 * How callers name a version: its number ({@code 3} or {@code v3}) or an alias ({@code latest}, {@code best}, custom).
 * Aliases look like names, never like version numbers, so the two cannot be confused.
 */
sealed interface VersionRef {

	Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

	Pattern NUMBER = Pattern.compile("[vV]?([0-9]{1,9})");

	record Number(int version) implements VersionRef {
	}

	record Alias(String alias) implements VersionRef {
	}

	static VersionRef parse(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidRequestException("version must be a number (3 or v3) or an alias, got nothing");
		}
		var number = NUMBER.matcher(text);
		if (number.matches()) {
			int version = Integer.parseInt(number.group(1));
			if (version < 1) {
				throw new InvalidRequestException("versions start at 1, got '" + text + "'");
			}
			return new Number(version);
		}
		return new Alias(alias(text));
	}

	/** A valid alias name; {@code v<digits>} is refused because it reads as a version number. */
	static String alias(String text) {
		if (text == null || !ALIAS.matcher(text).matches() || NUMBER.matcher(text).matches()) {
			throw new InvalidRequestException("alias must start with a letter and hold up to 64 letters, digits, '_', "
					+ "'.' or '-', and must not look like a version (v3), got '" + Printable.abbreviate(text) + "'");
		}
		return text;
	}
}
