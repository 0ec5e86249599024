package io.runledger.api.tracking.search;

import java.util.List;
import java.util.stream.Collectors;

import io.runledger.tenancy.InvalidRequestException;

/**
 * A parsed run-search filter: comparisons combined with {@code AND}, {@code OR} and {@code NOT}. See the package
 * documentation for the language. Nodes are immutable and compare by value; {@link #toFilterString()} renders a node
 * back into the language such that {@code parse(f.toFilterString())} equals {@code f}.
 */
public sealed interface RunFilter {

	/** Longest filter accepted, in characters. */
	int MAX_LENGTH = 10_000;

	/** Most comparisons in one filter. */
	int MAX_COMPARISONS = 100;

	/** Deepest nesting of parentheses and {@code NOT}. */
	int MAX_NESTING = 20;

	/**
	 * Parses a filter.
	 * @param filter the filter text; {@code null} or blank means no filter
	 * @return the filter, or {@code null} when {@code filter} is {@code null} or blank
	 * @throws InvalidRequestException naming the problem and its (1-based) position when the filter is malformed,
	 * too long, too complex, or compares a field with a value of the wrong type
	 */
	static RunFilter parse(String filter) {
		return FilterParser.parseFilter(filter);
	}

	/** The filter in the filter language. */
	String toFilterString();

	/** All operands hold. */
	record And(List<RunFilter> operands) implements RunFilter {

		public And {
			operands = List.copyOf(operands);
			if (operands.size() < 2) {
				throw new IllegalArgumentException("AND needs at least two operands");
			}
		}

		@Override
		public String toFilterString() {
			return this.operands.stream().map(RunFilter::toOperandString).collect(Collectors.joining(" AND "));
		}
	}

	/** At least one operand holds. */
	record Or(List<RunFilter> operands) implements RunFilter {

		public Or {
			operands = List.copyOf(operands);
			if (operands.size() < 2) {
				throw new IllegalArgumentException("OR needs at least two operands");
			}
		}

		@Override
		public String toFilterString() {
			return this.operands.stream().map(RunFilter::toOperandString).collect(Collectors.joining(" OR "));
		}
	}

	/** The operand does not hold (which includes: the field it compares is absent). */
	record Not(RunFilter operand) implements RunFilter {

		public Not {
			if (operand == null) {
				throw new IllegalArgumentException("operand is required");
			}
		}

		@Override
		public String toFilterString() {
			return "NOT " + (this.operand instanceof Not ? this.operand.toFilterString() : toOperandString(this.operand));
		}
	}

	/**
	 * One comparison. {@code values} holds one value for the binary operators, one or more for {@code IN} and
	 * {@code NOT IN}, and none for {@code IS NULL} and {@code IS NOT NULL}. Values are typed for the field (see
	 * {@link Literal}); the parser guarantees the combination is valid.
	 */
	record Comparison(RunField field, Operator operator, List<Literal> values) implements RunFilter {

		public Comparison {
			if (field == null || operator == null) {
				throw new IllegalArgumentException("field and operator are required");
			}
			values = List.copyOf(values);
			if (operator.isNullTest() ? !values.isEmpty()
					: operator.isList() ? values.isEmpty() : values.size() != 1) {
				throw new IllegalArgumentException(operator + " cannot take " + values.size() + " values");
			}
		}

		public Comparison(RunField field, Operator operator, Literal value) {
			this(field, operator, List.of(value));
		}

		/** The one value of a binary comparison. */
		public Literal value() {
			return this.values.get(0);
		}

		@Override
		public String toFilterString() {
			var head = this.field.toFilterString() + " " + this.operator.symbol();
			if (this.operator.isNullTest()) {
				return head;
			}
			if (this.operator.isList()) {
				return head + " ("
						+ this.values.stream().map(Literal::toFilterString).collect(Collectors.joining(", ")) + ")";
			}
			return head + " " + value().toFilterString();
		}
	}

	private static String toOperandString(RunFilter operand) {
		return operand instanceof Comparison ? operand.toFilterString() : "(" + operand.toFilterString() + ")";
	}
}
