package io.runledger.tenancy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Cursor pagination: a page size and the opaque cursor the previous page handed out. Cursors encode the sort key of
 * the last row returned, so pages stay stable while rows are added.
 */
public record PageRequest(int limit, Optional<String> cursor) {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 1000;

	private static final String SEPARATOR = "\u001f";

	public PageRequest {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
		}
	}

	public static PageRequest of(Integer limit, String cursor) {
		return new PageRequest(limit == null ? DEFAULT_LIMIT : limit,
				Optional.ofNullable(cursor).filter(c -> !c.isEmpty()).map(PageRequest::decode));
	}

	public static PageRequest first(int limit) {
		return new PageRequest(limit, Optional.empty());
	}

	/**
	 * The previous page's last sort key for a list ordered by several columns, split into the parts {@link #key}
	 * joined; a cursor of another shape is a 400 naming it.
	 */
	public Optional<List<String>> cursorParts(int count) {
		return cursor.map(text -> {
			var parts = List.of(text.split(SEPARATOR, -1));
			if (parts.size() != count) {
				throw malformed();
			}
			return parts;
		});
	}

	/** Where a page of a list ordered by (an instant, an id) starts: after this row. */
	public record InstantAndId(Instant at, UUID id) {
	}

	/** The cursor of a list ordered by (an instant, an id), or the position before every row on the first page. */
	public InstantAndId afterInstantAndId() {
		return cursorParts(2).map(parts -> new InstantAndId(instantPart(parts.get(0)), uuidPart(parts.get(1))))
			.orElse(new InstantAndId(Instant.EPOCH, new UUID(0, 0)));
	}

	/** A sort key over several columns (each part's text must not contain the separator, U+001F). */
	public static String key(Object... parts) {
		return Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining(SEPARATOR));
	}

	/** A cursor part that holds an instant ({@link Instant#toString()}). */
	public static Instant instantPart(String part) {
		try {
			return Instant.parse(part);
		}
		catch (DateTimeParseException e) {
			throw malformed();
		}
	}

	/** A cursor part that holds a UUID. */
	private static UUID uuidPart(String part) {
		try {
			return UUID.fromString(part);
		}
		catch (IllegalArgumentException e) {
			throw malformed();
		}
	}

	private static InvalidRequestException malformed() {
		return new InvalidRequestException("cursor is malformed; pass back the nextCursor of the previous page");
	}

	public static String encode(String sortKey) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String cursor) {
		try {
			return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			throw malformed();
		}
	}
}
