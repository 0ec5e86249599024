package io.runledger.api.tracking.search;

/** The comparison operators of the filter language. */
public enum Operator {

	EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),

	LIKE("LIKE"), NOT_LIKE("NOT LIKE"), ILIKE("ILIKE"), NOT_ILIKE("NOT ILIKE"),

	IN("IN"), NOT_IN("NOT IN"),

	IS_NULL("IS NULL"), IS_NOT_NULL("IS NOT NULL");

	private final String symbol;

	Operator(String symbol) {
		this.symbol = symbol;
	}

	/** How the filter language writes the operator. */
	public String symbol() {
		return this.symbol;
	}

	/** {@code <}, {@code <=}, {@code >}, {@code >=}. */
	public boolean isOrdering() {
		return this == LT || this == LE || this == GT || this == GE;
	}

	/** The {@code LIKE} family, which needs a string pattern. */
	public boolean isPattern() {
		return this == LIKE || this == NOT_LIKE || this == ILIKE || this == NOT_ILIKE;
	}

	public boolean isList() {
		return this == IN || this == NOT_IN;
	}

	public boolean isNullTest() {
		return this == IS_NULL || this == IS_NOT_NULL;
	}

	/** How many values the operator takes: none, exactly one, or a non-empty list. */
	boolean takesOneValue() {
		return !isList() && !isNullTest();
	}
}
