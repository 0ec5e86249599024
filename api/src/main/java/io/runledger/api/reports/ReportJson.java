package io.runledger.api.reports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.runledger.api.tracking.SeriesQueries;
import io.runledger.api.tracking.search.RunField;
import io.runledger.api.tracking.search.RunFilter;
import io.runledger.api.tracking.search.RunOrder;
import io.runledger.api.tracking.search.RunSearchSql;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.RunId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Report content to and from JSON. Reading is strict: an unknown block type or field, a missing field, a limit
 * exceeded or a run-set query that does not compile is a 400 naming the block and the problem, so a saved report
 * always renders. Writing produces the same shape (ids filled in), which is also what the database keeps.
 */
final class ReportJson {

	static final int MAX_MARKDOWN = 100_000;

	static final int MAX_METRICS = 20;

	static final int MAX_COLUMNS = 50;

	static final int DEFAULT_POINTS = 250;

	static final int MAX_POINTS = 2_000;

	private static final Pattern BLOCK_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final Set<String> ATTRIBUTE_COLUMNS = Set.of("name", "state", "group", "created_by", "started_at",
			"ended_at");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private ReportJson() {
	}

	static ReportContent read(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new InvalidRequestException("request body must be a JSON object with title and blocks");
		}
		allowOnly(body, "report", Set.of("title", "description", "blocks", "version"));
		var title = text(body, "title", "report", true, ReportContent.MAX_TITLE);
		if (title.isBlank()) {
			throw new InvalidRequestException("title must not be blank");
		}
		var description = text(body, "description", "report", false, ReportContent.MAX_DESCRIPTION);
		var blocksNode = body.get("blocks");
		if (blocksNode != null && !blocksNode.isNull() && !blocksNode.isArray()) {
			throw new InvalidRequestException("blocks must be an array");
		}
		var blocks = blocksNode == null || blocksNode.isNull() ? List.<Block>of() : blocks(blocksNode);
		var content = new ReportContent(title, description == null ? "" : description, blocks);
		if (content.panels().size() > ReportContent.MAX_PANELS) {
			throw new InvalidRequestException("a report holds at most " + ReportContent.MAX_PANELS
					+ " panels (charts, tables, comparisons), got " + content.panels().size());
		}
		return content;
	}

	/** The blocks of a report, in order; ids must be unique. */
	static List<Block> blocks(JsonNode array) {
		if (array.size() > ReportContent.MAX_BLOCKS) {
			throw new InvalidRequestException("a report holds at most " + ReportContent.MAX_BLOCKS + " blocks, got "
					+ array.size());
		}
		var blocks = new ArrayList<Block>();
		var ids = new HashSet<String>();
		int index = 0;
		for (var node : array) {
			var block = block(node, "blocks[" + index + "]");
			if (!ids.add(block.id())) {
				throw new InvalidRequestException("blocks[" + index + "]: id '" + block.id() + "' is used twice");
			}
			blocks.add(block);
			index++;
		}
		return blocks;
	}

	private static Block block(JsonNode node, String where) {
		if (node == null || !node.isObject()) {
			throw new InvalidRequestException(where + " must be an object");
		}
		var type = text(node, "type", where, true, 64);
		var id = text(node, "id", where, false, 64);
		if (id == null) {
			id = newBlockId();
		}
		else if (!BLOCK_ID.matcher(id).matches()) {
			throw new InvalidRequestException(where + ": id must be 1 to 64 of A-Z a-z 0-9 _ -");
		}
		where = where + " (" + type + ")";
		return switch (type) {
			case "markdown" -> {
				allowOnly(node, where, Set.of("id", "type", "text"));
				yield new Block.Markdown(id, text(node, "text", where, true, MAX_MARKDOWN));
			}
			case "lineChart" -> {
				allowOnly(node, where,
						Set.of("id", "type", "title", "runSet", "metrics", "xAxis", "mode", "points", "smoothing"));
				var metrics = keys(node, "metrics", where, MAX_METRICS, false);
				var mode = mode(node, where);
				int points = integer(node, "points", where, DEFAULT_POINTS);
				if (points < 1 || points > MAX_POINTS) {
					throw new InvalidRequestException(where + ": points must be between 1 and " + MAX_POINTS);
				}
				Double smoothing = node.get("smoothing") == null || node.get("smoothing").isNull() ? null
						: number(node, "smoothing", where);
				var xAxis = text(node, "xAxis", where, false, 300);
				try {
					// The series read's own checks of axis and smoothing, run now so a bad chart is never saved.
					new SeriesQueries.Query(List.of(RunId.random()), metrics, xAxis, mode, points, smoothing,
							Long.MIN_VALUE, Long.MAX_VALUE, null, null);
				}
				catch (InvalidRequestException e) {
					throw new InvalidRequestException(where + ": " + e.getMessage());
				}
				yield new Block.LineChart(id, title(node, where), runSet(node, where), metrics,
						xAxis == null ? "step" : xAxis, mode, points, smoothing);
			}
			case "runsTable" -> {
				allowOnly(node, where, Set.of("id", "type", "title", "runSet", "columns"));
				var columns = keys(node, "columns", where, MAX_COLUMNS, true);
				for (var column : columns) {
					column(column, where);
				}
				yield new Block.RunsTable(id, title(node, where), runSet(node, where), columns);
			}
			case "scalarComparison" -> {
				allowOnly(node, where, Set.of("id", "type", "title", "runSet", "metrics", "aggregate"));
				var aggregateText = text(node, "aggregate", where, false, 16);
				RunField.Aggregate aggregate;
				try {
					aggregate = aggregateText == null ? RunField.Aggregate.LAST
							: RunField.Aggregate.valueOf(aggregateText.toUpperCase(Locale.ROOT));
				}
				catch (IllegalArgumentException e) {
					throw new InvalidRequestException(where + ": aggregate must be last, min or max");
				}
				yield new Block.ScalarComparison(id, title(node, where), runSet(node, where),
						keys(node, "metrics", where, MAX_METRICS, false), aggregate);
			}
			case "artifactReference" -> {
				allowOnly(node, where, Set.of("id", "type", "artifactName", "version", "alias"));
				var name = text(node, "artifactName", where, true, 250);
				var versionNode = node.get("version");
				String version = versionNode == null || versionNode.isNull() ? null
						: versionNode.isNumber() ? versionNode.asString() : text(node, "version", where, false, 64);
				var alias = text(node, "alias", where, false, 64);
				if ((version == null) == (alias == null)) {
					throw new InvalidRequestException(where + ": name exactly one of version and alias");
				}
				yield new Block.ArtifactReference(id, name, version, alias);
			}
			default -> throw new InvalidRequestException(where.substring(0, where.indexOf(" (")) + ": unknown block type '"
					+ type + "'; use markdown, lineChart, runsTable, scalarComparison or artifactReference");
		};
	}

	private static RunSet runSet(JsonNode block, String where) {
		var node = block.get("runSet");
		where = where + ".runSet";
		if (node == null || !node.isObject()) {
			throw new InvalidRequestException(where + " is required: {\"runIds\": [...]} or {\"filter\": \"...\"}");
		}
		allowOnly(node, where, Set.of("runIds", "filter", "orderBy", "limit"));
		var ids = node.get("runIds");
		if (ids != null && !ids.isNull()) {
			if (node.has("filter") || node.has("orderBy") || node.has("limit")) {
				throw new InvalidRequestException(where + ": either runIds or a search (filter, orderBy, limit)");
			}
			var runIds = keys(node, "runIds", where, RunSet.MAX_RUNS, false).stream().map(RunId::parse).distinct()
				.toList();
			return RunSet.fixed(runIds);
		}
		var filter = text(node, "filter", where, false, RunFilter.MAX_LENGTH);
		var orderBy = node.has("orderBy") ? keys(node, "orderBy", where, RunOrder.MAX_KEYS, true) : List.<String>of();
		int limit = integer(node, "limit", where, RunSet.DEFAULT_LIMIT);
		if (limit < 1 || limit > RunSet.MAX_RUNS) {
			throw new InvalidRequestException(where + ": limit must be between 1 and " + RunSet.MAX_RUNS + " runs");
		}
		try {
			// Compiled with the search's own compiler now, so a saved query always runs.
			var parsed = filter == null || filter.isBlank() ? null : RunFilter.parse(filter);
			var order = orderBy.isEmpty() ? RunOrder.DEFAULT : RunOrder.parse(orderBy);
			RunSearchSql.page(RunId.random().value(), RunId.random().value(), parsed, order, limit, null, false);
		}
		catch (InvalidRequestException e) {
			throw new InvalidRequestException(where + ": " + e.getMessage());
		}
		return RunSet.search(filter == null || filter.isBlank() ? null : filter, orderBy, limit);
	}

	/** A column is a field of the search language, so it means what a filter on it means. */
	static RunField column(String column, String where) {
		RunOrder.SortKey key;
		try {
			key = RunOrder.parse(List.of(column)).keys().getFirst();
		}
		catch (InvalidRequestException e) {
			throw new InvalidRequestException(where + ": column '" + column + "': " + e.getMessage());
		}
		if (key.descending() || key.field() instanceof RunField.Attribute attribute
				&& !ATTRIBUTE_COLUMNS.contains(attribute.attribute().canonicalName())) {
			throw new InvalidRequestException(where + ": column '" + column + "' is not a column; use one of "
					+ ATTRIBUTE_COLUMNS + " or params.<key>, config.<key>, tags.<key>, metrics.<key>");
		}
		return key.field();
	}

	private static String title(JsonNode node, String where) {
		var title = text(node, "title", where, false, ReportContent.MAX_TITLE);
		return title == null ? "" : title;
	}

	private static SeriesQueries.Mode mode(JsonNode node, String where) {
		var text = text(node, "mode", where, false, 16);
		if (text == null) {
			return SeriesQueries.Mode.LTTB;
		}
		try {
			return SeriesQueries.Mode.valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException(where + ": mode must be LTTB, BUCKETS or RAW");
		}
	}

	private static void allowOnly(JsonNode node, String where, Set<String> fields) {
		for (var name : node.propertyNames()) {
			if (!fields.contains(name)) {
				throw new InvalidRequestException(where + ": unknown field '" + name + "'");
			}
		}
	}

	private static String text(JsonNode node, String field, String where, boolean required, int max) {
		var value = node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				throw new InvalidRequestException(where + ": " + field + " is required");
			}
			return null;
		}
		if (!value.isString()) {
			throw new InvalidRequestException(where + ": " + field + " must be a string");
		}
		if (value.asString().length() > max) {
			throw new InvalidRequestException(where + ": " + field + " must be at most " + max + " characters");
		}
		return value.asString();
	}

	private static int integer(JsonNode node, String field, String where, int fallback) {
		var value = node.get(field);
		if (value == null || value.isNull()) {
			return fallback;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw new InvalidRequestException(where + ": " + field + " must be an integer");
		}
		return value.intValue();
	}

	private static double number(JsonNode node, String field, String where) {
		var value = node.get(field);
		if (!value.isNumber()) {
			throw new InvalidRequestException(where + ": " + field + " must be a number");
		}
		return value.doubleValue();
	}

	private static List<String> keys(JsonNode node, String field, String where, int max, boolean mayBeEmpty) {
		var value = node.get(field);
		if (value == null || value.isNull()) {
			if (mayBeEmpty) {
				return List.of();
			}
			throw new InvalidRequestException(where + ": " + field + " is required");
		}
		if (!value.isArray()) {
			throw new InvalidRequestException(where + ": " + field + " must be an array of strings");
		}
		if (value.size() > max) {
			throw new InvalidRequestException(where + ": at most " + max + " " + field + ", got " + value.size());
		}
		if (value.isEmpty() && !mayBeEmpty) {
			throw new InvalidRequestException(where + ": " + field + " must not be empty");
		}
		var keys = new ArrayList<String>();
		for (var item : value) {
			if (!item.isString() || item.asString().isBlank() || item.asString().length() > 250) {
				throw new InvalidRequestException(where + ": " + field + " must hold non-blank strings");
			}
			keys.add(item.asString());
		}
		return keys;
	}

	private static String newBlockId() {
		return "b" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 4, 36);
	}

	static ArrayNode write(List<Block> blocks) {
		var array = NODES.arrayNode();
		for (var block : blocks) {
			array.add(write(block));
		}
		return array;
	}

	static ObjectNode write(Block block) {
		var node = NODES.objectNode();
		node.put("id", block.id());
		node.put("type", block.type());
		switch (block) {
			case Block.Markdown m -> node.put("text", m.text());
			case Block.LineChart c -> {
				node.put("title", c.title());
				node.set("runSet", write(c.runSet()));
				strings(node.putArray("metrics"), c.metrics());
				node.put("xAxis", c.xAxis());
				node.put("mode", c.mode().name());
				node.put("points", c.points());
				if (c.smoothing() != null) {
					node.put("smoothing", c.smoothing());
				}
			}
			case Block.RunsTable t -> {
				node.put("title", t.title());
				node.set("runSet", write(t.runSet()));
				strings(node.putArray("columns"), t.columns());
			}
			case Block.ScalarComparison s -> {
				node.put("title", s.title());
				node.set("runSet", write(s.runSet()));
				strings(node.putArray("metrics"), s.metrics());
				node.put("aggregate", s.aggregate().name().toLowerCase(Locale.ROOT));
			}
			case Block.ArtifactReference a -> {
				node.put("artifactName", a.artifactName());
				if (a.version() != null) {
					node.put("version", a.version());
				}
				if (a.alias() != null) {
					node.put("alias", a.alias());
				}
			}
		}
		return node;
	}

	private static ObjectNode write(RunSet runSet) {
		var node = NODES.objectNode();
		if (runSet.isFixed()) {
			strings(node.putArray("runIds"), runSet.runIds().stream().map(RunId::toString).toList());
			return node;
		}
		if (runSet.filter() != null) {
			node.put("filter", runSet.filter());
		}
		if (!runSet.orderBy().isEmpty()) {
			strings(node.putArray("orderBy"), runSet.orderBy());
		}
		node.put("limit", runSet.limit());
		return node;
	}

	private static void strings(ArrayNode array, List<String> values) {
		values.forEach(array::add);
	}
}
