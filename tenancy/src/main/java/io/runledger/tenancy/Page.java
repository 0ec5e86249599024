package io.runledger.tenancy;

import java.util.List;
import java.util.function.Function;

/** One page of results and the cursor of the next one (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {

	/**
	 * Builds a page from a query that fetched one row more than asked for: the extra row only tells that a next page
	 * exists.
	 */
	public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> sortKey) {
		if (fetched.size() <= limit) {
			return new Page<>(List.copyOf(fetched), null);
		}
		var items = List.copyOf(fetched.subList(0, limit));
		return new Page<>(items, PageRequest.encode(sortKey.apply(items.getLast())));
	}

	public <R> Page<R> map(Function<T, R> mapper) {
		return new Page<>(items.stream().map(mapper).toList(), nextCursor);
	}
}
