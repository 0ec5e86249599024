package io.runledger.api.mlflow;

import java.util.ArrayDeque;
import java.util.regex.Pattern;

import io.runledger.tenancy.Printable;

/**
 * MLflow's input validation (mlflow/utils/validation.py, 2.17) with its limits and messages, so clients see the errors
 * they would see from MLflow's own server.
 */
final class MlflowValidation {

	/** Param, metric and tag names: alphanumerics, underscores, periods, dashes, spaces and slashes. */
	private static final Pattern NAME = Pattern.compile("^[/\\w.\\- ]*$", Pattern.UNICODE_CHARACTER_CLASS);

	private static final Pattern ALIAS = Pattern.compile("^[\\w\\-]*$", Pattern.UNICODE_CHARACTER_CLASS);

	private static final Pattern VERSION_ALIAS = Pattern.compile("^[vV]\\d+$");

	private static final String BAD_CHARACTERS = "Names may only contain alphanumerics, underscores (_), dashes (-), "
			+ "periods (.), spaces ( ), and slashes (/).";

	static final int MAX_METRICS_PER_BATCH = 1000;

	static final int MAX_PARAMS_TAGS_PER_BATCH = 100;

	static final int MAX_ENTITIES_PER_BATCH = 1000;

	static final int MAX_DATASETS_PER_BATCH = 1000;

	static final int MAX_ENTITY_KEY_LENGTH = 250;

	static final int MAX_PARAM_VAL_LENGTH = 6000;

	static final int MAX_TAG_VAL_LENGTH = 8000;

	static final int MAX_EXPERIMENT_NAME_LENGTH = 500;

	static final int MAX_EXPERIMENT_TAG_KEY_LENGTH = 250;

	static final int MAX_EXPERIMENT_TAG_VAL_LENGTH = 5000;

	static final int MAX_REGISTRY_TAG_KEY_LENGTH = 250;

	static final int MAX_REGISTRY_TAG_VALUE_LENGTH = 5000;

	static final int MAX_DATASET_NAME_SIZE = 500;

	static final int MAX_DATASET_DIGEST_SIZE = 36;

	static final int MAX_DATASET_SOURCE_SIZE = 65535;

	static final int MAX_DATASET_SCHEMA_SIZE = 1048575;

	static final int MAX_DATASET_PROFILE_SIZE = 16777215;

	static final int MAX_INPUT_TAG_KEY_SIZE = 255;

	static final int MAX_INPUT_TAG_VALUE_SIZE = 500;

	static final int MAX_ALIAS_LENGTH = 255;

	private MlflowValidation() {
	}

	static void metricName(String name) {
		name("Metric", "metric", name);
		length("Metric name", MAX_ENTITY_KEY_LENGTH, name);
	}

	static void paramName(String name) {
		name("Parameter", "parameter", name);
		length("Param key", MAX_ENTITY_KEY_LENGTH, name);
	}

	static void tagName(String name) {
		name("Tag", "tag", name);
		length("Tag key", MAX_ENTITY_KEY_LENGTH, name);
	}

	static void param(String key, String value) {
		paramName(key);
		length("Param value", MAX_PARAM_VAL_LENGTH, value);
	}

	static void runTag(String key, String value) {
		tagName(key);
		length("Tag value", MAX_TAG_VAL_LENGTH, value);
	}

	static void experimentTag(String key, String value) {
		name("Tag", "tag", key);
		length("Tag key", MAX_EXPERIMENT_TAG_KEY_LENGTH, key);
		length("Tag value", MAX_EXPERIMENT_TAG_VAL_LENGTH, value);
	}

	static void registeredModelTag(String key, String value) {
		name("Tag", "tag", key);
		length("Registered model key", MAX_REGISTRY_TAG_KEY_LENGTH, key);
		length("Registered model value", MAX_REGISTRY_TAG_VALUE_LENGTH, value);
	}

	static void modelVersionTag(String key, String value) {
		name("Tag", "tag", key);
		length("Model version key", MAX_REGISTRY_TAG_KEY_LENGTH, key);
		length("Model version value", MAX_REGISTRY_TAG_VALUE_LENGTH, value);
	}

	static void metric(String key, double value, long timestamp) {
		metricName(key);
		if (timestamp < 0) {
			throw MlflowException.invalid("Got invalid timestamp " + timestamp + " for metric '" + key + "' (value="
					+ value + "). Timestamp must be a nonnegative long (64-bit integer) ");
		}
	}

	static void experimentName(String name) {
		if (name == null || name.isEmpty()) {
			throw MlflowException.invalid("Invalid experiment name: '" + (name == null ? "None" : name) + "'");
		}
		if (name.length() > MAX_EXPERIMENT_NAME_LENGTH) {
			throw MlflowException.invalid(
					"Experiment name exceeds the maximum length of " + MAX_EXPERIMENT_NAME_LENGTH + " characters");
		}
		if (name.indexOf('\0') >= 0) {
			throw MlflowException.invalid("Invalid experiment name: it contains a NUL character");
		}
	}

	static void batchLimit(String entity, int limit, int length) {
		if (length > limit) {
			throw MlflowException.invalid("A batch logging request can contain at most " + limit + " " + entity
					+ ". Got " + length + " " + entity + ". Please split up " + entity
					+ " across multiple requests and try again.");
		}
	}

	static void alias(String alias) {
		if (alias == null || alias.isEmpty()) {
			throw MlflowException.invalid("Registered model alias name cannot be empty.");
		}
		if (!ALIAS.matcher(alias).matches()) {
			throw MlflowException.invalid("Invalid alias name: '" + Printable.abbreviate(alias)
					+ "'. Names may only contain alphanumerics, underscores (_), and dashes (-).");
		}
		length("Registered model alias name", MAX_ALIAS_LENGTH, alias);
		if (alias.equalsIgnoreCase("latest")) {
			throw MlflowException.invalid("'latest' alias name (case insensitive) is reserved.");
		}
		if (VERSION_ALIAS.matcher(alias).matches()) {
			throw MlflowException.invalid("Version alias name '" + alias + "' is reserved.");
		}
	}

	static void length(String entity, int limit, String value) {
		if (value != null && value.length() > limit) {
			throw MlflowException.invalid(entity + " '" + value.substring(0, Math.min(250, value.length())) + "' had length " + value.length()
					+ ", which exceeded length limit of " + limit);
		}
	}

	private static void name(String kind, String lower, String name) {
		if (name == null) {
			throw MlflowException.invalid(kind + " name cannot be None. A key name must be provided.");
		}
		if (!NAME.matcher(name).matches()) {
			throw MlflowException.invalid("Invalid " + lower + " name: '" + Printable.abbreviate(name, 250) + "'. "
					+ BAD_CHARACTERS);
		}
		var normalized = normpath(name);
		if (!normalized.equals(name) || normalized.equals(".") || normalized.startsWith("..")
				|| normalized.startsWith("/")) {
			throw MlflowException.invalid("Invalid " + lower + " name: '" + Printable.abbreviate(name, 250)
					+ "'. Names may be treated as files in certain cases, and must not resolve to other names when "
					+ "treated as such. This name would resolve to '" + normalized + "'");
		}
	}

	/** Python's {@code posixpath.normpath}. */
	static String normpath(String path) {
		if (path.isEmpty()) {
			return ".";
		}
		int initialSlashes = path.startsWith("/") ? (path.startsWith("//") && !path.startsWith("///") ? 2 : 1) : 0;
		var parts = new ArrayDeque<String>();
		for (var part : path.split("/")) {
			if (part.isEmpty() || part.equals(".")) {
				continue;
			}
			if (!part.equals("..") || (initialSlashes == 0 && parts.isEmpty())
					|| (!parts.isEmpty() && parts.peekLast().equals(".."))) {
				parts.addLast(part);
			}
			else if (!parts.isEmpty()) {
				parts.removeLast();
			}
		}
		var joined = String.join("/", parts);
		var result = "/".repeat(initialSlashes) + joined;
		return result.isEmpty() ? "." : result;
	}
}
