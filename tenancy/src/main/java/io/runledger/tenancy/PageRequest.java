package io.runledger.tenancy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Cursor pagination: a page size and the opaque cursor the previous page handed out. Cursors encode the sort key of
 * the last row returned, so pages stay stable while rows are added.
 */
public record PageRequest(int limit, Optional<String> cursor) {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 1000;

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

	public static String encode(String sortKey) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String cursor) {
		try {
			return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException("cursor is malformed; pass back the nextCursor of the previous page");
		}
	}
}
