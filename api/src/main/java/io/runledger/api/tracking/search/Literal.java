package io.runledger.api.tracking.search;

import java.time.Instant;
import java.util.UUID;

/**
 * A value in a filter, already typed for the field it is compared with: times are instants, run ids UUIDs, durations
 * milliseconds, states upper case. The SQL compiler binds each as one parameter.
 */
public sealed interface Literal {

	/** The value as the filter language writes it. */
	String toFilterString();

	/** A string. */
	record Text(String value) implements Literal {

		public Text {
			if (value == null) {
				throw new IllegalArgumentException("value is required");
			}
		}

		@Override
		public String toFilterString() {
			return quote(this.value);
		}
	}

	/** A number; for metrics and params also {@code NaN} and the infinities. */
	record Num(double value) implements Literal {

		@Override
		public String toFilterString() {
			return Double.toString(this.value);
		}
	}

	/** A point in time (microsecond precision, as PostgreSQL keeps it). */
	record Time(Instant value) implements Literal {

		public Time {
			if (value == null) {
				throw new IllegalArgumentException("value is required");
			}
		}

		@Override
		public String toFilterString() {
			return quote(this.value.toString());
		}
	}

	/** A run id. */
	record Id(UUID value) implements Literal {

		public Id {
			if (value == null) {
				throw new IllegalArgumentException("value is required");
			}
		}

		@Override
		public String toFilterString() {
			return quote(this.value.toString());
		}
	}

	/** A single-quoted string literal: backslashes and single quotes escaped with a backslash. */
	static String quote(String text) {
		return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}
}
