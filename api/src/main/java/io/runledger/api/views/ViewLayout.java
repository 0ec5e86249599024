package io.runledger.api.views;

import java.util.List;

import io.runledger.tenancy.InvalidRequestException;

/**
 * What a saved view shows: the runs table's filter (the search language), its columns in order, its sort, the key
 * it groups by, and the charts' settings. The server checks shape and bounds only: column ids and the filter mean
 * something to the UI and the search API, and a view saved before a key disappeared must still open.
 */
record ViewLayout(String query, List<String> columns, Sort sort, String groupBy, Charts charts) {

	static final int MAX_QUERY = 4000;

	static final int MAX_COLUMNS = 200;

	static final int MAX_KEY = 500;

	record Sort(String column, String direction) {
	}

	/** xAxis: step, relative or timestamp; smoothing: an EMA weight in [0, 1); hidden: the chart panel is closed. */
	record Charts(String xAxis, Double smoothing, Boolean logScale, Boolean hidden) {
	}

	/** The layout with defaults filled in (empty filter and columns, no sort, grouping or chart changes). */
	static ViewLayout checked(String query, List<String> columns, Sort sort, String groupBy, Charts charts) {
		var q = query == null ? "" : query;
		if (q.length() > MAX_QUERY) {
			throw new InvalidRequestException("query must be at most " + MAX_QUERY + " characters");
		}
		var cols = columns == null ? List.<String>of() : columns;
		if (cols.size() > MAX_COLUMNS) {
			throw new InvalidRequestException("columns must hold at most " + MAX_COLUMNS + " column ids");
		}
		for (int i = 0; i < cols.size(); i++) {
			key(cols.get(i), "columns[" + i + "]");
		}
		if (sort != null) {
			key(sort.column(), "sort.column");
			if (!"asc".equals(sort.direction()) && !"desc".equals(sort.direction())) {
				throw new InvalidRequestException("sort.direction must be 'asc' or 'desc'");
			}
		}
		if (groupBy != null) {
			key(groupBy, "groupBy");
		}
		var c = charts == null ? new Charts(null, null, null, null) : charts;
		if (c.xAxis() != null && !List.of("step", "relative", "timestamp").contains(c.xAxis())) {
			throw new InvalidRequestException("charts.xAxis must be one of step, relative, timestamp");
		}
		if (c.smoothing() != null && !(c.smoothing() >= 0 && c.smoothing() < 1)) {
			throw new InvalidRequestException("charts.smoothing must be an EMA weight in [0, 1), got " + c.smoothing());
		}
		return new ViewLayout(q, List.copyOf(cols), sort, groupBy, c);
	}

	private static void key(String key, String what) {
		if (key == null || key.isBlank()) {
			throw new InvalidRequestException(what + " must not be empty");
		}
		if (key.length() > MAX_KEY) {
			throw new InvalidRequestException(what + " must be at most " + MAX_KEY + " characters");
		}
	}
}
