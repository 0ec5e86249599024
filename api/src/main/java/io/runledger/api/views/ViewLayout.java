package io.runledger.api.views;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.runledger.tenancy.InvalidRequestException;

/**
 * What a saved view shows: the runs table's filter (the search language), its columns in order, its sort, the key
 * it groups by, the charts' settings, the columns' widths in pixels (by column id) and the columns pinned to the left. The server checks shape and bounds only: column ids and the filter mean
 * something to the UI and the search API, and a view saved before a key disappeared must still open.
 */
record ViewLayout(String query, List<String> columns, Sort sort, String groupBy, Charts charts,
		Map<String, Integer> widths, List<String> pinned) {

	static final int MIN_WIDTH = 40;

	static final int MAX_WIDTH = 2000;

	static final int MAX_QUERY = 4000;

	static final int MAX_COLUMNS = 200;

	static final int MAX_KEY = 500;

	record Sort(String column, String direction) {
	}

	/** xAxis: step, relative or timestamp; smoothing: an EMA weight in [0, 1); hidden: the chart panel is closed. */
	record Charts(String xAxis, Double smoothing, Boolean logScale, Boolean hidden) {
	}

	/** The layout with defaults filled in (empty filter and columns, no sort, grouping or chart changes). */
	static ViewLayout checked(String query, List<String> columns, Sort sort, String groupBy, Charts charts,
			Map<String, Integer> widths, List<String> pinned) {
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
		var w = widths == null ? Map.<String, Integer>of() : widths;
		if (w.size() > MAX_COLUMNS) {
			throw new InvalidRequestException("widths must hold at most " + MAX_COLUMNS + " columns");
		}
		w.forEach((column, width) -> {
			key(column, "widths key");
			if (width == null || width < MIN_WIDTH || width > MAX_WIDTH) {
				throw new InvalidRequestException("widths['" + column + "'] must be between " + MIN_WIDTH + " and "
						+ MAX_WIDTH + " pixels, got " + width);
			}
		});
		var pins = pinned == null ? List.<String>of() : pinned;
		if (pins.size() > MAX_COLUMNS) {
			throw new InvalidRequestException("pinned must hold at most " + MAX_COLUMNS + " column ids");
		}
		for (int i = 0; i < pins.size(); i++) {
			key(pins.get(i), "pinned[" + i + "]");
		}
		return new ViewLayout(q, List.copyOf(cols), sort, groupBy, c, new TreeMap<>(w), List.copyOf(pins));
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
