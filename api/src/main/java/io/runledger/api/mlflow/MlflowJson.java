package io.runledger.api.mlflow;

import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Building answers as protobuf JSON does: snake_case names, int64 as JSON numbers (MLflow marks them so), enums as
 * names, empty repeated fields and unset fields left out, and non-finite doubles as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}.
 */
final class MlflowJson {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private MlflowJson() {
	}

	static ObjectNode object() {
		return NODES.objectNode();
	}

	static ArrayNode array() {
		return NODES.arrayNode();
	}

	static void putDouble(ObjectNode node, String field, double value) {
		if (Double.isNaN(value)) {
			node.put(field, "NaN");
		}
		else if (Double.isInfinite(value)) {
			node.put(field, value > 0 ? "Infinity" : "-Infinity");
		}
		else {
			node.put(field, value);
		}
	}

	/** Puts the string unless it is null (protobuf leaves unset fields out). */
	static void putString(ObjectNode node, String field, String value) {
		if (value != null) {
			node.put(field, value);
		}
	}

	/** {@code [{"key": k, "value": v}, ...]} under {@code field}, left out when empty. */
	static void putKeyValues(ObjectNode node, String field, Map<String, String> entries) {
		if (entries.isEmpty()) {
			return;
		}
		ArrayNode array = node.putArray(field);
		entries.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
	}
}
