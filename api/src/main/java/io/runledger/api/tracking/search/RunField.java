package io.runledger.api.tracking.search;

/** What a comparison or a sort key is about: a metric summary, a param, a tag or an attribute of the run. */
public sealed interface RunField {

	/** The field as the filter language writes it, keys always back-quoted: {@code min(metrics.`loss`)}. */
	String toFilterString();

	/** Which value of a metric's summary a field means. */
	enum Aggregate {

		LAST("last_value"), MIN("min_value"), MAX("max_value");

		private final String column;

		Aggregate(String column) {
			this.column = column;
		}

		String column() {
			return this.column;
		}

	}

	/** A metric, by display key: its last value, or its minimum or maximum over all points. */
	record Metric(String key, Aggregate aggregate) implements RunField {

		public Metric {
			requireKey(key);
			if (aggregate == null) {
				throw new IllegalArgumentException("aggregate is required");
			}
		}

		public Metric(String key) {
			this(key, Aggregate.LAST);
		}

		@Override
		public String toFilterString() {
			var field = "metrics." + quoteKey(this.key);
			return switch (this.aggregate) {
				case LAST -> field;
				case MIN -> "min(" + field + ")";
				case MAX -> "max(" + field + ")";
			};
		}
	}

	/** A param, or a flattened config entry (they share {@code run_params}). */
	record Param(String key) implements RunField {

		public Param {
			requireKey(key);
		}

		@Override
		public String toFilterString() {
			return "params." + quoteKey(this.key);
		}
	}

	/** A tag. */
	record Tag(String key) implements RunField {

		public Tag {
			requireKey(key);
		}

		@Override
		public String toFilterString() {
			return "tags." + quoteKey(this.key);
		}
	}

	/** An attribute of the run itself. */
	record Attribute(RunAttribute attribute) implements RunField {

		public Attribute {
			if (attribute == null) {
				throw new IllegalArgumentException("attribute is required");
			}
		}

		@Override
		public String toFilterString() {
			return this.attribute.canonicalName();
		}
	}

	private static void requireKey(String key) {
		if (key == null || key.isEmpty()) {
			throw new IllegalArgumentException("key must not be empty");
		}
	}

	/** A key in back-quotes, back-quotes inside doubled. */
	static String quoteKey(String key) {
		return "`" + key.replace("`", "``") + "`";
	}
}
