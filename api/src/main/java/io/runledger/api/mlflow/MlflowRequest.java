package io.runledger.api.mlflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.runledger.api.http.QueryStrings;
import io.runledger.tenancy.Printable;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields of one MLflow request, read the way MLflow's server reads them: for GET from the query string (a
 * repeated field as {@code key=a&key=b} or {@code key[]=a}, one occurrence still a list), otherwise from the JSON
 * body (protobuf JSON with snake_case names; a body double-encoded as a JSON string is decoded again; no body means
 * no fields). Values are coerced as protobuf's JSON parser does: int64 from numbers or numeric strings, doubles also
 * from {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} and bare {@code NaN}/{@code Infinity} tokens (Python
 * clients send those). A field that does not fit its type is INVALID_PARAMETER_VALUE naming the field.
 */
final class MlflowRequest {

	/** Bodies are read whole; anything larger is refused before parsing. */
	static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

	static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

	private final ObjectNode body;

	private final Map<String, List<String>> query;

	private final String path;

	private MlflowRequest(ObjectNode body, Map<String, List<String>> query, String path) {
		this.body = body;
		this.query = query;
		this.path = path;
	}

	static MlflowRequest of(ObjectNode body) {
		return new MlflowRequest(body, null, "");
	}

	static MlflowRequest ofQuery(Map<String, List<String>> query) {
		return new MlflowRequest(null, query, "");
	}

	static MlflowRequest read(HttpServletRequest request) {
		if (!"GET".equalsIgnoreCase(request.getMethod())) {
			var bytes = readBody(request);
			var text = new String(bytes, StandardCharsets.UTF_8);
			if (!text.isBlank()) {
				return of(parseObject(text));
			}
		}
		return ofQuery(parseQuery(request.getQueryString()));
	}

	private static byte[] readBody(HttpServletRequest request) {
		try (InputStream in = request.getInputStream()) {
			var bytes = in.readNBytes(MAX_BODY_BYTES + 1);
			if (bytes.length > MAX_BODY_BYTES) {
				throw MlflowException.invalid("Request body is larger than " + MAX_BODY_BYTES + " bytes.");
			}
			return bytes;
		}
		catch (IOException e) {
			throw MlflowException.invalid("Request body could not be read: " + e.getMessage());
		}
	}

	static ObjectNode parseObject(String text) {
		try {
			JsonNode root = JSON.readTree(text);
			if (root != null && root.isString()) {
				// Older clients post their JSON double-encoded as a string; MLflow decodes it a second time.
				root = JSON.readTree(root.stringValue());
			}
			if (root == null || root.isNull() || root.isMissingNode()) {
				return JSON.createObjectNode();
			}
			if (!(root instanceof ObjectNode object)) {
				throw MlflowException.invalid("Request body must be a JSON object, got " + root.getNodeType());
			}
			return object;
		}
		catch (JacksonException e) {
			var message = e.getOriginalMessage();
			throw MlflowException.invalid("Request body is not valid JSON: " + Printable.abbreviate(message, 200));
		}
	}

	static Map<String, List<String>> parseQuery(String queryString) {
		var result = new LinkedHashMap<String, List<String>>();
		QueryStrings.parse(queryString, text -> MlflowException.invalid(
				"Query string is not properly percent-encoded near '" + Printable.abbreviate(text, 40) + "'"))
			// MLflow's clients name repeated fields like run_ids[]=a&run_ids[]=b.
			.forEach((key, values) -> result.computeIfAbsent(key.endsWith("[]") ? key.substring(0, key.length() - 2)
					: key, k -> new ArrayList<>()).addAll(values));
		return result;
	}

	// ------------------------------------------------------------------------------------------------ access

	private String name(String field) {
		return path + field;
	}

	/** The JSON value of a field, or {@code null} when absent or null (query values are strings). */
	private JsonNode node(String field) {
		if (body == null) {
			return null;
		}
		var node = body.get(field);
		return node == null || node.isNull() ? null : node;
	}

	boolean has(String field) {
		return body != null ? node(field) != null : query.containsKey(field);
	}

	/** A string field: {@code null} when absent. Numbers are taken as their text (ids sent as numbers). */
	String string(String field) {
		if (body == null) {
			var values = query.get(field);
			return values == null || values.isEmpty() ? null : values.getFirst();
		}
		var node = node(field);
		if (node == null) {
			return null;
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isNumber()) {
			return node.asString();
		}
		throw invalidValue(field, node);
	}

	/** A required string field; absent or empty is MLflow's "Missing value for required parameter". */
	String requiredString(String field) {
		var value = string(field);
		if (value == null || value.isEmpty()) {
			throw MlflowException.missing(name(field));
		}
		return value;
	}

	/** The run id, from {@code run_id} or the deprecated {@code run_uuid}. */
	String runId() {
		var id = string("run_id");
		if (id == null || id.isEmpty()) {
			id = string("run_uuid");
		}
		if (id == null || id.isEmpty()) {
			throw MlflowException.missing(name("run_id"));
		}
		return id;
	}

	/** An int64 field: {@code null} when absent. */
	Long int64(String field) {
		if (body == null) {
			var text = string(field);
			return text == null ? null : parseLong(field, text);
		}
		var node = node(field);
		if (node == null) {
			return null;
		}
		if (node.isNumber()) {
			if (node.isIntegralNumber() && node.canConvertToLong()) {
				return node.longValue();
			}
			if (node.isFloatingPointNumber() && node.canConvertToExactIntegral() && node.canConvertToLong()) {
				return node.longValue();
			}
			throw invalidValue(field, node);
		}
		if (node.isString()) {
			return parseLong(field, node.stringValue());
		}
		throw invalidValue(field, node);
	}

	long requiredInt64(String field) {
		var value = int64(field);
		if (value == null) {
			throw MlflowException.missing(name(field));
		}
		return value;
	}

	/** A double field: {@code null} when absent. NaN and the infinities are values like any other. */
	Double float64(String field) {
		if (body == null) {
			var text = string(field);
			return text == null ? null : parseDouble(field, text);
		}
		var node = node(field);
		if (node == null) {
			return null;
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isString()) {
			return parseDouble(field, node.stringValue());
		}
		throw invalidValue(field, node);
	}

	double requiredFloat64(String field) {
		var value = float64(field);
		if (value == null) {
			throw MlflowException.missing(name(field));
		}
		return value;
	}

	/** A bool field: {@code null} when absent. */
	Boolean bool(String field) {
		if (body == null) {
			var text = string(field);
			if (text == null) {
				return null;
			}
			return switch (text.toLowerCase(Locale.ROOT)) {
				case "true", "1" -> true;
				case "false", "0", "" -> false;
				default -> throw invalidValue(field, text);
			};
		}
		var node = node(field);
		if (node == null) {
			return null;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isString() && (node.stringValue().equalsIgnoreCase("true")
				|| node.stringValue().equalsIgnoreCase("false"))) {
			return Boolean.parseBoolean(node.stringValue());
		}
		throw invalidValue(field, node);
	}

	/** A repeated string field; absent is empty, one occurrence is a list of one. */
	List<String> strings(String field) {
		if (body == null) {
			var values = query.get(field);
			return values == null ? List.of() : List.copyOf(values);
		}
		var node = node(field);
		if (node == null) {
			return List.of();
		}
		var items = node.isArray() ? node.values() : List.of(node);
		var result = new ArrayList<String>(items.size());
		for (var item : items) {
			if (item.isString()) {
				result.add(item.stringValue());
			}
			else if (item.isNumber()) {
				result.add(item.asString());
			}
			else {
				throw invalidValue(field, node);
			}
		}
		return result;
	}

	/** A repeated message field (only in JSON bodies); absent is empty. */
	List<MlflowRequest> messages(String field) {
		var node = node(field);
		if (node == null) {
			return List.of();
		}
		if (!node.isArray()) {
			throw MlflowException.invalid("Invalid value for parameter '" + name(field)
					+ "' supplied: expected a list. See the API docs for more information about request parameters.");
		}
		var result = new ArrayList<MlflowRequest>(node.size());
		int i = 0;
		for (var item : node.values()) {
			if (!(item instanceof ObjectNode object)) {
				throw MlflowException.invalid("Invalid value for parameter '" + name(field) + "[" + i
						+ "]' supplied: expected an object.");
			}
			result.add(new MlflowRequest(object, null, name(field) + "[" + i + "]."));
			i++;
		}
		return result;
	}

	/** A single message field (only in JSON bodies), or {@code null}. */
	MlflowRequest message(String field) {
		var node = node(field);
		if (node == null) {
			return null;
		}
		if (!(node instanceof ObjectNode object)) {
			throw MlflowException.invalid("Invalid value for parameter '" + name(field) + "' supplied: expected an object.");
		}
		return new MlflowRequest(object, null, name(field) + ".");
	}

	private long parseLong(String field, String text) {
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException e) {
			throw invalidValue(field, text);
		}
	}

	private double parseDouble(String field, String text) {
		var t = text.strip();
		switch (t) {
			case "NaN", "nan" -> {
				return Double.NaN;
			}
			case "Infinity", "inf", "+Infinity" -> {
				return Double.POSITIVE_INFINITY;
			}
			case "-Infinity", "-inf" -> {
				return Double.NEGATIVE_INFINITY;
			}
			default -> {
				try {
					if (t.isEmpty() || !(Character.isDigit(t.charAt(t.length() - 1)) || t.endsWith("."))) {
						throw new NumberFormatException();
					}
					return Double.parseDouble(t);
				}
				catch (NumberFormatException e) {
					throw invalidValue(field, text);
				}
			}
		}
	}

	private MlflowException invalidValue(String field, Object value) {
		var shown = value instanceof JsonNode node ? node.toString() : "'" + value + "'";
		return MlflowException.invalid("Invalid value " + Printable.abbreviate(shown, 100) + " for parameter '"
				+ name(field) + "' supplied. See the API docs for more information about request parameters.");
	}
}
