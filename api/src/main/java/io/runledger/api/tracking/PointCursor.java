package io.runledger.api.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.runledger.tenancy.InvalidRequestException;

/**
 * Keyset cursor for paging through one series' raw points in (step, timestamp) order: the pair of the last point
 * returned and how many points with exactly that pair were returned (points may repeat a pair). Shared by the native
 * points endpoint and MLflow's metric history.
 */
public record PointCursor(long step, long timestamp, int seen) {

	/** @throws InvalidRequestException when the token is not one this class made */
	public static PointCursor decode(String token) {
		if (token == null || token.isEmpty()) {
			return null;
		}
		try {
			var parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":");
			if (parts.length != 3) {
				throw new IllegalArgumentException();
			}
			var cursor = new PointCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
			if (cursor.seen() < 1) {
				throw new IllegalArgumentException();
			}
			return cursor;
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException("cursor is malformed; pass back the cursor of the previous page");
		}
	}

	/** The cursor that continues after index {@code last} of the columns. */
	public static String after(SeriesReader.Columns c, int last) {
		int seen = 1;
		for (int i = last - 1; i >= 0 && c.steps()[i] == c.steps()[last]
				&& c.timestamps()[i] == c.timestamps()[last]; i--) {
			seen++;
		}
		var text = c.steps()[last] + ":" + c.timestamps()[last] + ":" + seen;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
	}

	/** The index of the first point after the cursor, in columns that start at or before its step. */
	public int skip(SeriesReader.Columns c) {
		int i = 0;
		while (i < c.size() && (c.steps()[i] < step || (c.steps()[i] == step && c.timestamps()[i] < timestamp))) {
			i++;
		}
		int equal = 0;
		while (i < c.size() && equal < seen && c.steps()[i] == step && c.timestamps()[i] == timestamp) {
			i++;
			equal++;
		}
		return i;
	}
}
