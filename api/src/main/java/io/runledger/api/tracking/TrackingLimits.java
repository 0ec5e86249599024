package io.runledger.api.tracking;

import java.util.regex.Pattern;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Printable;

/** The explicit limits of the tracking API. Each rejection names the limit it hit. */
final class TrackingLimits {

	static final int MAX_KEY_LENGTH = 250;

	static final int MAX_TAG_VALUE_LENGTH = 8_000;

	static final int MAX_PARAM_VALUE_LENGTH = 6_000;

	static final int MAX_NAME_LENGTH = 500;

	static final int MAX_NOTES_LENGTH = 1_000_000;

	static final int MAX_BATCH_ID_LENGTH = 128;

	static final int MAX_SERIES_PER_BATCH = 10_000;

	static final long MAX_POINTS_PER_BATCH = 5_000_000;

	static final long MAX_BATCH_BYTES = 128L * 1024 * 1024;

	static final int MAX_CONFIG_BYTES = 1_000_000;

	static final int MAX_CONFIG_DEPTH = 20;

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private TrackingLimits() {
	}

	/** Metric, param and tag keys: 1 to 250 characters, no control characters, no leading or trailing blanks. */
	static String key(String key, String what) {
		if (key == null || key.isEmpty()) {
			throw new InvalidRequestException(what + " key must not be empty");
		}
		if (key.length() > MAX_KEY_LENGTH) {
			throw new InvalidRequestException(what + " key '" + Printable.abbreviate(key) + "' is " + key.length()
					+ " characters; the limit is " + MAX_KEY_LENGTH);
		}
		if (CONTROL.matcher(key).find()) {
			throw new InvalidRequestException(what + " key '" + Printable.abbreviate(key)
					+ "' contains control characters");
		}
		if (!key.strip().equals(key)) {
			throw new InvalidRequestException(what + " key '" + Printable.abbreviate(key)
					+ "' has leading or trailing whitespace");
		}
		return key;
	}

	static String value(String value, int limit, String what) {
		if (value == null) {
			throw new InvalidRequestException(what + " must not be null");
		}
		if (value.length() > limit) {
			throw new InvalidRequestException(what + " is " + value.length() + " characters; the limit is " + limit);
		}
		if (value.indexOf('\0') >= 0) {
			throw new InvalidRequestException(what + " contains a NUL character");
		}
		return value;
	}
}
