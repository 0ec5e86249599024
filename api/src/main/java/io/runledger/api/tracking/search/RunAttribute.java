package io.runledger.api.tracking.search;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The attributes of a run that search can filter and sort on, with the names they are known by. Each maps to a
 * column (or, for {@link #DURATION}, an expression) of {@code runs}.
 */
public enum RunAttribute {

	NAME("name", Kind.TEXT, false, "r.name", "run_name"),

	STATE("state", Kind.STATE, false, "r.state", "status"),

	RUN_ID("run_id", Kind.ID, false, "r.run_id", "run_uuid", "id"),

	GROUP("group", Kind.TEXT, true, "r.run_group", "run_group"),

	CREATED_BY("created_by", Kind.TEXT, false, "r.created_by", "user_id", "user"),

	STARTED_AT("started_at", Kind.TIME, false, "r.started_at", "start_time"),

	ENDED_AT("ended_at", Kind.TIME, true, "r.ended_at", "end_time"),

	/** Milliseconds from {@code started_at} to {@code ended_at}, or to now while the run has not ended. */
	DURATION("duration", Kind.DURATION, false, null);

	/** How values of an attribute are written and compared. */
	public enum Kind {

		/** Text, compared by code point; {@code LIKE}/{@code ILIKE} apply. */
		TEXT,
		/** One of the run states, case-insensitive; only equality and {@code IN}. */
		STATE,
		/** A run id (UUID, with or without dashes); only equality and {@code IN}. */
		ID,
		/** A point in time: epoch milliseconds or an ISO-8601 string. */
		TIME,
		/** Milliseconds: a number or an ISO-8601 duration string such as {@code 'PT1H30M'}. */
		DURATION

	}

	/** The states a run can be in (the check constraint of {@code runs.state}). */
	public static final List<String> STATES = List.of("RUNNING", "FINISHED", "FAILED", "KILLED", "CRASHED");

	private final String canonicalName;

	private final Kind kind;

	private final boolean nullable;

	private final String column;

	private final List<String> aliases;

	RunAttribute(String canonicalName, Kind kind, boolean nullable, String column, String... aliases) {
		this.canonicalName = canonicalName;
		this.kind = kind;
		this.nullable = nullable;
		this.column = column;
		this.aliases = List.of(aliases);
	}

	/** The name search documents and renders, e.g. {@code started_at}. */
	public String canonicalName() {
		return this.canonicalName;
	}

	public Kind kind() {
		return this.kind;
	}

	/** Whether the attribute can be absent ({@code IS NULL}): only {@code group} and {@code ended_at}. */
	public boolean nullable() {
		return this.nullable;
	}

	/** Other names accepted for the attribute (the MLflow ones among them). */
	public List<String> aliases() {
		return this.aliases;
	}

	String column() {
		return this.column;
	}

	/** The attribute called {@code name} (case-insensitive, canonical name or alias). */
	public static Optional<RunAttribute> named(String name) {
		var lower = name.toLowerCase(Locale.ROOT);
		for (var attribute : values()) {
			if (attribute.canonicalName.equals(lower) || attribute.aliases.contains(lower)) {
				return Optional.of(attribute);
			}
		}
		return Optional.empty();
	}
}
