package io.runledger.api.tracking.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

import io.runledger.tenancy.InvalidRequestException;

/**
 * The order of a run search: the caller's sort keys, then the tiebreaks {@code started_at DESC} (as MLflow does) and
 * {@code run_id ASC}, which make the order total so that keyset pagination is stable. Runs that lack a sort key's
 * value (no such metric, param or tag; no {@code ended_at}; no {@code group}) sort after all runs that have one, in
 * both directions.
 * @param keys the caller's sort keys, without duplicates (see {@link #effectiveKeys()} for the full order)
 */
public record RunOrder(List<SortKey> keys) {

	/** Most sort keys one search may name. */
	public static final int MAX_KEYS = 10;

	/** {@code started_at DESC, run_id ASC}. */
	public static final RunOrder DEFAULT = new RunOrder(List.of());

	private static final SortKey STARTED_AT_DESC = new SortKey(new RunField.Attribute(RunAttribute.STARTED_AT), true);

	private static final SortKey RUN_ID_ASC = new SortKey(new RunField.Attribute(RunAttribute.RUN_ID), false);

	/** One sort key: a field and a direction. */
	public record SortKey(RunField field, boolean descending) {

		public SortKey {
			if (field == null) {
				throw new IllegalArgumentException("field is required");
			}
		}

		/** The key as an order-by item: {@code metrics.`loss` DESC}. */
		public String toOrderString() {
			return this.field.toFilterString() + (this.descending ? " DESC" : " ASC");
		}
	}

	public RunOrder {
		var distinct = new ArrayList<SortKey>();
		var seen = new LinkedHashSet<RunField>();
		for (var key : keys) {
			if (seen.add(key.field())) {
				distinct.add(key);
			}
		}
		keys = List.copyOf(distinct);
	}

	/**
	 * Parses order-by items, each {@code <field> [ASC|DESC]} with the field syntax of filters (including
	 * {@code min(metrics.<key>)} and {@code max(metrics.<key>)}); ascending unless {@code DESC}. A later item on a field
	 * already named is ignored.
	 * @param items the items; {@code null} or empty means the default order
	 * @throws InvalidRequestException naming the item and the problem when one is malformed, or when there are more
	 * than {@link #MAX_KEYS}
	 */
	public static RunOrder parse(List<String> items) {
		if (items == null || items.isEmpty()) {
			return DEFAULT;
		}
		if (items.size() > MAX_KEYS) {
			throw new InvalidRequestException("order_by: at most " + MAX_KEYS + " sort keys, got " + items.size());
		}
		var keys = new ArrayList<SortKey>();
		for (int i = 0; i < items.size(); i++) {
			keys.add(FilterParser.parseSortKey(items.get(i), "order_by[" + i + "]"));
		}
		return new RunOrder(keys);
	}

	/**
	 * The complete order: the caller's keys up to and including {@code run_id} if named, else followed by
	 * {@code started_at DESC} (unless already named) and {@code run_id ASC}.
	 */
	public List<SortKey> effectiveKeys() {
		var effective = new ArrayList<SortKey>();
		for (var key : this.keys) {
			effective.add(key);
			if (key.field().equals(RUN_ID_ASC.field())) {
				return List.copyOf(effective);
			}
		}
		if (effective.stream().noneMatch(k -> k.field().equals(STARTED_AT_DESC.field()))) {
			effective.add(STARTED_AT_DESC);
		}
		effective.add(RUN_ID_ASC);
		return List.copyOf(effective);
	}

	/** The complete order as order-by items, e.g. {@code metrics.`loss` ASC, started_at DESC, run_id ASC}. */
	public String toOrderString() {
		return effectiveKeys().stream().map(SortKey::toOrderString).collect(Collectors.joining(", "));
	}
}
