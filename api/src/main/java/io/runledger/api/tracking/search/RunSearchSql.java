package io.runledger.api.tracking.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.runledger.api.tracking.search.RunFilter.And;
import io.runledger.api.tracking.search.RunFilter.Comparison;
import io.runledger.api.tracking.search.RunFilter.Not;
import io.runledger.api.tracking.search.RunFilter.Or;
import io.runledger.api.tracking.search.RunOrder.SortKey;
import io.runledger.tenancy.InvalidRequestException;

/**
 * Compiles a run search (filter, order, page) into one parameterised PostgreSQL statement for
 * {@code JdbcClient.sql(query.sql()).params(query.params())}. Every value that came from the caller (keys, literals,
 * cursor contents, ids, the limit) is a bind parameter; the SQL text is built only from fixed fragments, aliases the
 * compiler numbers itself, and the structure of the filter. Every table is constrained by {@code org_id} (besides
 * row-level security).
 *
 * <p>
 * Shapes (see the package documentation for the semantics):
 * <ul>
 * <li>Filter: comparisons on params, tags and metrics are {@code EXISTS} / {@code NOT EXISTS} semi-joins on
 * {@code run_params}, {@code run_tags} and {@code metric_series} (by {@code display_key}), constrained by org, project
 * and key, so the planner can either probe per run through the primary key or drive from
 * {@code run_params_by_text}/{@code run_params_by_number}/{@code metric_series_by_*_value}.</li>
 * <li>Order by a metric first (the common "filter on params, best 50 by a metric"): a bounded probe of the first
 * {@code max(20 × limit, 1000)} (at most 20,000) series in the order of {@code metric_series_by_last_value} /
 * {@code _by_min_value} / {@code _by_max_value}, joined with {@code runs} and filtered; only if that does not fill the
 * page, the rest of the metric's runs (planned freely, the filter being evidently selective), then the runs that lack
 * the metric. Parts not needed get {@code LIMIT 0} and never start. This shape does not depend on PostgreSQL's row
 * estimates, which are poor for key/value tables (see {@code metricFirstPage}).</li>
 * <li>Any other order: {@code runs} with a {@code LEFT JOIN} on the unique {@code (org_id, run_id, key)} /
 * {@code (org_id, run_id, display_key)} per sort key, {@code NULLS LAST}; the default order
 * ({@code started_at DESC, run_id}) is exactly the index {@code runs_by_project_started}.</li>
 * <li>Keyset paging: {@code (sort values, run_id) > cursor} expanded column by column, honouring direction and
 * {@code NULLS LAST}, plus a redundant range bound on the first column for the index when it cannot be null.</li>
 * </ul>
 * The result columns are {@code run_id} then {@code s0, s1, …}: one per {@linkplain #sortColumns(RunOrder) sort
 * column} (a param sort key has two: its numeric value, then its text). Read rows with {@link #readRow} and make the
 * next page's token from the last with {@link #nextCursor}. To learn whether there is a next page, ask for one row
 * more than you show.
 */
public final class RunSearchSql {

	/** Largest page (MLflow's limit for {@code runs/search}). */
	public static final int MAX_LIMIT = 50_000;

	/** The type of a sort value column, and of the value a {@link Row} holds for it. */
	public enum ColumnType {

		/** {@link Double}: metric values, numeric param values, durations in milliseconds. */
		NUMBER,
		/** {@link String}: text, compared by code point ({@code COLLATE "C"}). */
		TEXT,
		/** {@link Instant}. */
		TIME,
		/** {@link UUID}. */
		ID

	}

	/** One sort value column of the result: its type and whether a run can lack the value. */
	public record SortColumn(ColumnType type, boolean nullable) {
	}

	/**
	 * A compiled statement.
	 * @param sql the SQL, with {@code ?} placeholders
	 * @param params the bind values in placeholder order: {@link UUID}, {@link String}, {@link Double},
	 * {@link OffsetDateTime} and {@link Integer}, never {@code null}
	 * @param order the order the result follows (for {@link #nextCursor})
	 * @param sortColumns the sort value columns {@code s0, s1, …} that follow {@code run_id} (none for a count)
	 */
	public record Query(String sql, List<Object> params, RunOrder order, List<SortColumn> sortColumns) {

		public Query {
			params = List.copyOf(params);
			sortColumns = List.copyOf(sortColumns);
		}
	}

	/**
	 * One row of a page.
	 * @param runId the run
	 * @param sortValues its sort values, typed as {@link ColumnType} says, {@code null} where it lacks one
	 */
	public record Row(UUID runId, List<Object> sortValues) {

		public Row {
			Objects.requireNonNull(runId, "runId");
			sortValues = Collections.unmodifiableList(new ArrayList<>(sortValues));
		}
	}

	private RunSearchSql() {
	}

	/** {@link #page(UUID, UUID, RunFilter, RunOrder, int, String, boolean, Instant)} at the current time. */
	public static Query page(UUID orgId, UUID projectId, RunFilter filter, RunOrder order, int limit, String cursor,
			boolean includeDeleted) {
		return page(orgId, projectId, filter, order, limit, cursor, includeDeleted, Instant.now());
	}

	/**
	 * One page of run ids with their sort values.
	 * @param orgId the organisation
	 * @param projectId the project
	 * @param filter the filter, or {@code null} for all runs
	 * @param order the order, or {@code null} for {@link RunOrder#DEFAULT}
	 * @param limit the page size, 1 to {@link #MAX_LIMIT}
	 * @param cursor the previous page's {@link #nextCursor}, or {@code null} (or empty) for the first page
	 * @param includeDeleted whether soft-deleted runs count
	 * @param now the time at which {@code duration} of runs that have not ended is measured
	 * @throws InvalidRequestException when the limit is out of range or the cursor is malformed or was made for
	 * another order
	 */
	public static Query page(UUID orgId, UUID projectId, RunFilter filter, RunOrder order, int limit, String cursor,
			boolean includeDeleted, Instant now) {
		return page(orgId, projectId, filter, order, limit, cursor, includeDeleted, now, Compiler.probeSize(limit));
	}

	/** {@link #page} with the size of the probe of a metric-first order chosen (tests use tiny ones). */
	static Query page(UUID orgId, UUID projectId, RunFilter filter, RunOrder order, int limit, String cursor,
			boolean includeDeleted, Instant now, int probeSize) {
		Objects.requireNonNull(orgId, "orgId");
		Objects.requireNonNull(projectId, "projectId");
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidRequestException("max_results must be between 1 and " + MAX_LIMIT + ", got " + limit);
		}
		var effectiveOrder = order == null ? RunOrder.DEFAULT : order;
		var columns = sortColumns(effectiveOrder);
		var position = cursor == null || cursor.isEmpty() ? null
				: SearchCursor.decode(cursor, effectiveOrder, columns);
		var compiler = new Compiler(orgId, projectId, includeDeleted, now);
		var keys = effectiveOrder.effectiveKeys();
		var sql = new Sql();
		if (keys.get(0).field() instanceof RunField.Metric metric
				&& (position == null || position.values().get(0) != null)) {
			compiler.metricFirstPage(sql, metric, keys, filter, limit, position, probeSize);
		}
		else {
			compiler.plainPage(sql, keys, filter, limit, position);
		}
		return new Query(sql.text.toString(), sql.params, effectiveOrder, columns);
	}

	/** {@link #count(UUID, UUID, RunFilter, boolean, Instant)} at the current time. */
	public static Query count(UUID orgId, UUID projectId, RunFilter filter, boolean includeDeleted) {
		return count(orgId, projectId, filter, includeDeleted, Instant.now());
	}

	/** {@code SELECT count(*)} of the runs a search with this filter finds. */
	public static Query count(UUID orgId, UUID projectId, RunFilter filter, boolean includeDeleted, Instant now) {
		return filtered("SELECT count(*)", orgId, projectId, filter, includeDeleted, now);
	}

	/**
	 * {@code SELECT r.run_id} of every run a search with this filter finds, unordered and unbounded: a subquery for
	 * statements that change all of them at once (bulk actions on "all runs matching this filter").
	 */
	public static Query matching(UUID orgId, UUID projectId, RunFilter filter, boolean includeDeleted, Instant now) {
		return filtered("SELECT r.run_id", orgId, projectId, filter, includeDeleted, now);
	}

	private static Query filtered(String select, UUID orgId, UUID projectId, RunFilter filter, boolean includeDeleted,
			Instant now) {
		Objects.requireNonNull(orgId, "orgId");
		Objects.requireNonNull(projectId, "projectId");
		var compiler = new Compiler(orgId, projectId, includeDeleted, now);
		var sql = new Sql();
		sql.add(select).add(" FROM runs r WHERE ");
		compiler.scope(sql);
		if (filter != null) {
			sql.add(" AND ");
			compiler.filter(sql, filter);
		}
		return new Query(sql.text.toString(), sql.params, RunOrder.DEFAULT, List.of());
	}

	/** The most groups {@link #groups} answers; a search with more says so (it fetches one more). */
	public static final int MAX_GROUPS = 1000;

	/**
	 * The runs a search with this filter finds, grouped by the value of a param (or config entry), a tag, or a text
	 * attribute (name, state, group, created_by); runs without it form the group of {@code null}. Columns: value,
	 * runs, then, with a metric, how many of the group's runs have it and the mean, min and max of their last values.
	 * Most runs first, then by value; at most {@link #MAX_GROUPS} + 1 rows.
	 */
	public static Query groups(UUID orgId, UUID projectId, RunFilter filter, boolean includeDeleted, Instant now,
			RunField groupBy, String metricKey) {
		Objects.requireNonNull(orgId, "orgId");
		Objects.requireNonNull(projectId, "projectId");
		var compiler = new Compiler(orgId, projectId, includeDeleted, now);
		var sql = new Sql();
		sql.add("SELECT g.value, count(*) AS runs");
		if (metricKey != null) {
			sql.add(", count(s.last_value) AS metric_runs, avg(s.last_value) AS metric_mean,"
					+ " min(s.last_value) AS metric_min, max(s.last_value) AS metric_max");
		}
		sql.add(" FROM runs r");
		switch (groupBy) {
			case RunField.Param param -> sql.add(" LEFT JOIN run_params g ON g.org_id = r.org_id AND g.run_id = r.run_id"
					+ " AND g.key = ").param(param.key());
			case RunField.Tag tag -> sql.add(" LEFT JOIN run_tags g ON g.org_id = r.org_id AND g.run_id = r.run_id"
					+ " AND g.key = ").param(tag.key());
			case RunField.Attribute attribute when attribute.attribute().kind() == RunAttribute.Kind.TEXT
					|| attribute.attribute().kind() == RunAttribute.Kind.STATE ->
				sql.add(" CROSS JOIN LATERAL (SELECT " + attribute.attribute().column() + "::text AS value) g");
			default -> throw new InvalidRequestException("groupBy " + groupBy.toFilterString()
					+ " cannot group: use params.<key>, config.<key>, tags.<key>, name, state, group or created_by");
		}
		if (metricKey != null) {
			// One series per display key is the rule, but LIMIT 1 keeps a run from counting twice regardless.
			sql.add(" LEFT JOIN LATERAL (SELECT last_value FROM metric_series m WHERE m.org_id = r.org_id"
					+ " AND m.run_id = r.run_id AND m.display_key = ").param(metricKey).add(" LIMIT 1) s ON true");
		}
		sql.add(" WHERE ");
		compiler.scope(sql);
		if (filter != null) {
			sql.add(" AND ");
			compiler.filter(sql, filter);
		}
		sql.add(" GROUP BY g.value ORDER BY count(*) DESC, g.value NULLS LAST LIMIT ").param(MAX_GROUPS + 1);
		return new Query(sql.text.toString(), sql.params, RunOrder.DEFAULT, List.of());
	}

	/** The sort value columns a page in this order returns after {@code run_id}. */
	public static List<SortColumn> sortColumns(RunOrder order) {
		var columns = new ArrayList<SortColumn>();
		var keys = order.effectiveKeys();
		for (var key : keys.subList(0, keys.size() - 1)) {
			switch (key.field()) {
				case RunField.Metric m -> columns.add(new SortColumn(ColumnType.NUMBER, true));
				case RunField.Param p -> {
					columns.add(new SortColumn(ColumnType.NUMBER, true));
					columns.add(new SortColumn(ColumnType.TEXT, true));
				}
				case RunField.Tag t -> columns.add(new SortColumn(ColumnType.TEXT, true));
				case RunField.Attribute a -> columns.add(new SortColumn(switch (a.attribute().kind()) {
					case TEXT, STATE -> ColumnType.TEXT;
					case ID -> ColumnType.ID;
					case TIME -> ColumnType.TIME;
					case DURATION -> ColumnType.NUMBER;
				}, a.attribute().nullable()));
			}
		}
		return List.copyOf(columns);
	}

	/** Reads the current row of a page's result set. */
	public static Row readRow(ResultSet rs, Query query) throws SQLException {
		var values = new ArrayList<Object>(query.sortColumns().size());
		int index = 2;
		for (var column : query.sortColumns()) {
			values.add(switch (column.type()) {
				case NUMBER -> {
					double value = rs.getDouble(index);
					yield rs.wasNull() ? null : value;
				}
				case TEXT -> rs.getString(index);
				case TIME -> {
					var time = rs.getObject(index, OffsetDateTime.class);
					yield time == null ? null : time.toInstant();
				}
				case ID -> rs.getObject(index, UUID.class);
			});
			index++;
		}
		return new Row(rs.getObject(1, UUID.class), values);
	}

	/** The page token that continues after {@code last}, the last row of a page in {@code order}. */
	public static String nextCursor(RunOrder order, Row last) {
		var effectiveOrder = order == null ? RunOrder.DEFAULT : order;
		var columns = sortColumns(effectiveOrder);
		if (last.sortValues().size() != columns.size()) {
			throw new IllegalArgumentException(
					"the row has " + last.sortValues().size() + " sort values, the order " + columns.size());
		}
		for (int i = 0; i < columns.size(); i++) {
			var value = last.sortValues().get(i);
			var expected = switch (columns.get(i).type()) {
				case NUMBER -> Double.class;
				case TEXT -> String.class;
				case TIME -> Instant.class;
				case ID -> UUID.class;
			};
			if (value != null && !expected.isInstance(value)) {
				throw new IllegalArgumentException("sort value " + i + " must be a " + expected.getSimpleName());
			}
		}
		return SearchCursor.encode(effectiveOrder, columns, last.sortValues(), last.runId());
	}

	// ------------------------------------------------------------------------------------------------ building

	/** SQL text and its bind values, appended together so that they cannot drift apart. */
	private static final class Sql {

		final StringBuilder text = new StringBuilder(512);

		final List<Object> params = new ArrayList<>();

		Sql add(String fragment) {
			this.text.append(fragment);
			return this;
		}

		Sql param(Object value) {
			this.text.append('?');
			this.params.add(Objects.requireNonNull(value));
			return this;
		}

		Sql add(Expr expr) {
			expr.emit(this);
			return this;
		}

	}

	/** A piece of SQL that may hold placeholders, emitted wherever it is used. */
	@FunctionalInterface
	private interface Expr {

		void emit(Sql sql);

		static Expr of(String fragment) {
			return sql -> sql.add(fragment);
		}

	}

	/** A sort column as SQL: its expression, direction, and whether it can be null where it is used. */
	private record Col(Expr expr, boolean descending, boolean nullable) {
	}

	/** The joins and columns for a run of sort keys. */
	private record Plan(List<Expr> joins, List<Col> columns) {
	}

	private static final class Compiler {

		private final UUID orgId;

		private final UUID projectId;

		private final boolean includeDeleted;

		private final OffsetDateTime now;

		private int aliases;

		Compiler(UUID orgId, UUID projectId, boolean includeDeleted, Instant now) {
			this.orgId = orgId;
			this.projectId = projectId;
			this.includeDeleted = includeDeleted;
			this.now = OffsetDateTime.ofInstant(Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.MICROS),
					ZoneOffset.UTC);
		}

		private String alias(String prefix) {
			return prefix + (++this.aliases);
		}

		void scope(Sql sql) {
			sql.add("r.org_id = ").param(this.orgId).add(" AND r.project_id = ").param(this.projectId);
			if (!this.includeDeleted) {
				sql.add(" AND r.deleted_at IS NULL");
			}
		}

		// -------------------------------------------------------------------------------------------- pages

		void plainPage(Sql sql, List<SortKey> keys, RunFilter filter, int limit, SearchCursor.Position position) {
			var plan = plan(keys, 0);
			select(sql, plan.columns(), 0);
			sql.add(" FROM runs r");
			plan.joins().forEach(sql::add);
			sql.add(" WHERE ");
			scope(sql);
			if (filter != null) {
				sql.add(" AND ");
				filter(sql, filter);
			}
			if (position != null) {
				sql.add(" AND ");
				keyset(sql, plan.columns(), values(position));
			}
			sql.add(" ORDER BY ");
			orderBy(sql, plan.columns());
			sql.add(" LIMIT ").param(limit);
		}

		/**
		 * Order by a metric first. Four parts, each an exact slice of the order, concatenated:
		 * <ol>
		 * <li>{@code probe}: the first {@link #probeSize} series of the metric in index order (from the cursor on);
		 * {@code edge} the last value among them ({@code kth});</li>
		 * <li>{@code fast}: the runs among {@code probe} with a value before {@code kth} (all of it if the probe
		 * reached the end) that pass the filter: a bounded amount of work whatever the filter's selectivity;</li>
		 * <li>{@code slow}: only if {@code fast} came up short and there is more, the runs with a value from
		 * {@code kth} on, planned freely (the filter is evidently selective, so the planner's filter-first plans
		 * fit);</li>
		 * <li>{@code tail}: only if the page is still short, the runs without the metric, by the remaining keys.</li>
		 * </ol>
		 * Parts that are not needed get {@code LIMIT 0}, which PostgreSQL does not even start. This does not rely on
		 * row estimates, which PostgreSQL gets badly wrong for key/value tables (it multiplies the selectivity of the
		 * key and of the value as if they were independent).
		 */
		void metricFirstPage(Sql sql, RunField.Metric metric, List<SortKey> keys, RunFilter filter, int limit,
				SearchCursor.Position position, int probe) {
			var column = metric.aggregate().column();
			var descending = keys.get(0).descending();
			var direction = descending ? " DESC" : " ASC";
			var before = descending ? " > " : " < ";
			var rest = plan(keys, 1);
			var cursorValues = position == null ? null : values(position);
			int outputs = rest.columns().size();

			sql.add("WITH probe AS MATERIALIZED (SELECT hm.run_id, hm." + column + " AS v FROM metric_series hm");
			metricScope(sql, metric);
			if (cursorValues != null) {
				sql.add(" AND hm." + column + (descending ? " <= " : " >= ")).param(bind(cursorValues.get(0)));
			}
			sql.add(" ORDER BY hm." + column + direction + " LIMIT ").param(probe).add(")");
			sql.add(", edge AS MATERIALIZED (SELECT count(*) AS n, " + (descending ? "min" : "max")
					+ "(v) AS kth FROM probe)");

			sql.add(", fast AS MATERIALIZED (");
			headPart(sql, "p.v", rest,
					from -> from.add(" FROM probe p JOIN runs r ON r.org_id = ")
						.param(this.orgId)
						.add(" AND r.run_id = p.run_id"),
					filter, cursorValues, descending);
			sql.add(" AND (p.v" + before + "(SELECT kth FROM edge) OR (SELECT n FROM edge) < ").param(probe).add(")");
			sql.add(" ORDER BY ");
			orderBy(sql, headColumns(Expr.of("p.v"), descending, rest));
			sql.add(" LIMIT ").param(limit).add(")");

			sql.add(", slow AS MATERIALIZED (");
			headPart(sql, "hm." + column, rest,
					Expr.of(" FROM metric_series hm JOIN runs r ON r.org_id = hm.org_id AND r.run_id = hm.run_id"),
					filter, cursorValues, descending);
			sql.add(" AND hm.org_id = ")
				.param(this.orgId)
				.add(" AND hm.project_id = ")
				.param(this.projectId)
				.add(" AND hm.display_key = ")
				.param(metric.key())
				.add(" AND hm." + column + (descending ? " <= " : " >= ") + "(SELECT kth FROM edge)");
			sql.add(" ORDER BY ");
			orderBy(sql, headColumns(Expr.of("hm." + column), descending, rest));
			sql.add(" LIMIT CASE WHEN (SELECT n FROM edge) < ")
				.param(probe)
				.add(" THEN 0 ELSE GREATEST(")
				.param(limit)
				.add(" - (SELECT count(*) FROM fast), 0) END)");

			sql.add(" SELECT run_id");
			for (int i = 0; i < outputs; i++) {
				sql.add(", s" + i);
			}
			sql.add(" FROM (SELECT 0 AS grp, f.* FROM fast f UNION ALL SELECT 0 AS grp, s.* FROM slow s"
					+ " UNION ALL SELECT 1 AS grp, t.* FROM (SELECT r.run_id, CAST(NULL AS double precision) AS s0");
			selectRest(sql, rest.columns(), 1);
			sql.add(" FROM runs r");
			rest.joins().forEach(sql::add);
			sql.add(" WHERE ");
			scope(sql);
			sql.add(" AND NOT EXISTS (SELECT 1 FROM metric_series hn WHERE hn.org_id = ")
				.param(this.orgId)
				.add(" AND hn.run_id = r.run_id AND hn.display_key = ")
				.param(metric.key())
				.add(" AND hn." + column + " IS NOT NULL)");
			if (filter != null) {
				sql.add(" AND ");
				filter(sql, filter);
			}
			sql.add(" ORDER BY ");
			orderBy(sql, rest.columns());
			sql.add(" LIMIT GREATEST(")
				.param(limit)
				.add(" - (SELECT count(*) FROM fast) - (SELECT count(*) FROM slow), 0)) t) page ORDER BY grp");
			var columns = sortColumnsOf(keys);
			var headColumns = headColumns(Expr.of("s0"), descending, rest);
			for (int i = 0; i < outputs; i++) {
				var sortColumn = columns.get(i);
				sql.add(", s" + i + (sortColumn.type() == ColumnType.TEXT ? " COLLATE \"C\"" : "")
						+ (headColumns.get(i).descending() ? " DESC" : " ASC")
						+ (sortColumn.nullable() ? " NULLS LAST" : ""));
			}
			sql.add(", run_id" + (headColumns.get(headColumns.size() - 1).descending() ? " DESC" : " ASC"));
			sql.add(" LIMIT ").param(limit);
		}

		/**
		 * How many series of the sort metric the first part of a metric-first page looks at. Each costs three index
		 * probes; six per wanted row covers filters that keep one run in six of the best-ranked, and a more
		 * selective filter falls through to the planned part instead of probing ever more.
		 */
		static int probeSize(int limit) {
			return Math.min(Math.max(limit * 6, 300), 20_000);
		}

		/** {@code WHERE} org, project, display key, and a value, for {@code metric_series hm}. */
		private void metricScope(Sql sql, RunField.Metric metric) {
			sql.add(" WHERE hm.org_id = ")
				.param(this.orgId)
				.add(" AND hm.project_id = ")
				.param(this.projectId)
				.add(" AND hm.display_key = ")
				.param(metric.key())
				.add(" AND hm." + metric.aggregate().column() + " IS NOT NULL");
		}

		/** The sort columns of the parts with the metric: its value (never null there), then the rest. */
		private static List<Col> headColumns(Expr value, boolean descending, Plan rest) {
			var columns = new ArrayList<Col>();
			columns.add(new Col(value, descending, false));
			columns.addAll(rest.columns());
			return columns;
		}

		/** {@code SELECT … FROM … WHERE} scope, filter and keyset of a part with the metric. */
		private void headPart(Sql sql, String value, Plan rest, Expr from, RunFilter filter,
				List<Object> cursorValues, boolean descending) {
			sql.add("SELECT r.run_id, " + value + " AS s0");
			selectRest(sql, rest.columns(), 1);
			sql.add(from);
			rest.joins().forEach(sql::add);
			sql.add(" WHERE ");
			scope(sql);
			if (filter != null) {
				sql.add(" AND ");
				filter(sql, filter);
			}
			if (cursorValues != null) {
				sql.add(" AND ");
				keyset(sql, headColumns(Expr.of(value), descending, rest), cursorValues);
			}
		}

		private static List<SortColumn> sortColumnsOf(List<SortKey> keys) {
			return sortColumns(new RunOrder(keys));
		}

		private void select(Sql sql, List<Col> columns, int first) {
			sql.add("SELECT r.run_id");
			selectRest(sql, columns, first);
		}

		/** {@code , <expr> AS s<n>} for every column but the last (which is always the run id). */
		private void selectRest(Sql sql, List<Col> columns, int first) {
			for (int i = 0; i < columns.size() - 1; i++) {
				sql.add(", ").add(columns.get(i).expr()).add(" AS s" + (first + i));
			}
		}

		private void orderBy(Sql sql, List<Col> columns) {
			for (int i = 0; i < columns.size(); i++) {
				var column = columns.get(i);
				sql.add(i == 0 ? "" : ", ")
					.add(column.expr())
					.add(column.descending() ? " DESC" : " ASC")
					// A column that cannot be null keeps PostgreSQL's default null placement, which matches its
					// indexes (DESC columns of an index put nulls first).
					.add(column.nullable() ? " NULLS LAST" : "");
			}
		}

		private static List<Object> values(SearchCursor.Position position) {
			var values = new ArrayList<>(position.values());
			values.add(position.runId());
			return values;
		}

		/** Rows strictly after the cursor in the order of {@code columns}, nulls last whatever the direction. */
		private void keyset(Sql sql, List<Col> columns, List<Object> values) {
			var first = columns.get(0);
			if (columns.size() > 1 && !first.nullable() && values.get(0) != null) {
				sql.add(first.expr()).add(first.descending() ? " <= " : " >= ").param(bind(values.get(0))).add(" AND ");
			}
			after(sql, columns, values, 0);
		}

		private void after(Sql sql, List<Col> columns, List<Object> values, int i) {
			var column = columns.get(i);
			var value = values.get(i);
			var beyond = column.descending() ? " < " : " > ";
			if (i == columns.size() - 1) {
				sql.add("(").add(column.expr()).add(beyond).param(bind(value)).add(")");
				return;
			}
			if (value == null) {
				sql.add("(").add(column.expr()).add(" IS NULL AND ");
				after(sql, columns, values, i + 1);
				sql.add(")");
				return;
			}
			sql.add("(").add(column.expr()).add(beyond).param(bind(value));
			if (column.nullable()) {
				sql.add(" OR ").add(column.expr()).add(" IS NULL");
			}
			sql.add(" OR (").add(column.expr()).add(" = ").param(bind(value)).add(" AND ");
			after(sql, columns, values, i + 1);
			sql.add("))");
		}

		/** Joins and columns for {@code keys[from..]}. */
		private Plan plan(List<SortKey> keys, int from) {
			var joins = new ArrayList<Expr>();
			var columns = new ArrayList<Col>();
			for (var key : keys.subList(from, keys.size())) {
				boolean desc = key.descending();
				switch (key.field()) {
					case RunField.Metric metric -> {
						var a = alias("o");
						joins.add(sql -> sql.add(" LEFT JOIN metric_series " + a + " ON " + a + ".org_id = ")
							.param(this.orgId)
							.add(" AND " + a + ".project_id = ")
							.param(this.projectId)
							.add(" AND " + a + ".run_id = r.run_id AND " + a + ".display_key = ")
							.param(metric.key()));
						columns.add(new Col(Expr.of(a + "." + metric.aggregate().column()), desc, true));
					}
					case RunField.Param param -> {
						var a = alias("o");
						joins.add(sql -> sql.add(" LEFT JOIN run_params " + a + " ON " + a + ".org_id = ")
							.param(this.orgId)
							.add(" AND " + a + ".project_id = ")
							.param(this.projectId)
							.add(" AND " + a + ".run_id = r.run_id AND " + a + ".key = ")
							.param(param.key()));
						columns.add(new Col(Expr.of(a + ".value_num"), desc, true));
						columns.add(new Col(Expr.of(a + ".value COLLATE \"C\""), desc, true));
					}
					case RunField.Tag tag -> {
						var a = alias("o");
						joins.add(sql -> sql.add(" LEFT JOIN run_tags " + a + " ON " + a + ".org_id = ")
							.param(this.orgId)
							.add(" AND " + a + ".project_id = ")
							.param(this.projectId)
							.add(" AND " + a + ".run_id = r.run_id AND " + a + ".key = ")
							.param(tag.key()));
						columns.add(new Col(Expr.of(a + ".value COLLATE \"C\""), desc, true));
					}
					case RunField.Attribute attribute -> {
						var a = attribute.attribute();
						var expr = switch (a.kind()) {
							case TEXT, STATE -> Expr.of(a.column() + " COLLATE \"C\"");
							case ID, TIME -> Expr.of(a.column());
							case DURATION -> duration();
						};
						columns.add(new Col(expr, desc, a.nullable()));
					}
				}
			}
			return new Plan(joins, columns);
		}

		private Expr duration() {
			return sql -> sql.add("(EXTRACT(EPOCH FROM (COALESCE(r.ended_at, ")
				.param(this.now)
				.add(") - r.started_at)) * 1000)::double precision");
		}

		// -------------------------------------------------------------------------------------------- filter

		/** The filter as a two-valued SQL condition (never NULL, so that NOT means what it says). */
		void filter(Sql sql, RunFilter filter) {
			switch (filter) {
				case And and -> junction(sql, and.operands(), " AND ");
				case Or or -> junction(sql, or.operands(), " OR ");
				case Not not -> {
					sql.add("NOT (");
					filter(sql, not.operand());
					sql.add(")");
				}
				case Comparison comparison -> comparison(sql, comparison);
			}
		}

		private void junction(Sql sql, List<RunFilter> operands, String operator) {
			sql.add("(");
			for (int i = 0; i < operands.size(); i++) {
				sql.add(i == 0 ? "" : operator);
				filter(sql, operands.get(i));
			}
			sql.add(")");
		}

		private void comparison(Sql sql, Comparison c) {
			var op = c.operator();
			switch (c.field()) {
				case RunField.Metric metric -> {
					var a = alias("m");
					var value = a + "." + metric.aggregate().column();
					sql.add(op == Operator.IS_NULL ? "NOT EXISTS (" : "EXISTS (");
					keyed(sql, "metric_series", a, "display_key", metric.key());
					sql.add(" AND ");
					if (op.isNullTest()) {
						sql.add(value + " IS NOT NULL");
					}
					else {
						condition(sql, Expr.of(value), false, op, binds(c.values()));
					}
					sql.add(")");
				}
				case RunField.Param param -> {
					var a = alias("p");
					sql.add(op == Operator.IS_NULL ? "NOT EXISTS (" : "EXISTS (");
					keyed(sql, "run_params", a, "key", param.key());
					if (!op.isNullTest()) {
						sql.add(" AND ");
						paramCondition(sql, a, op, c.values());
					}
					sql.add(")");
				}
				case RunField.Tag tag -> {
					var a = alias("t");
					sql.add(op == Operator.IS_NULL ? "NOT EXISTS (" : "EXISTS (");
					keyed(sql, "run_tags", a, "key", tag.key());
					if (!op.isNullTest()) {
						sql.add(" AND ");
						condition(sql, Expr.of(a + ".value"), true, op, binds(c.values()));
					}
					sql.add(")");
				}
				case RunField.Attribute attribute -> {
					var a = attribute.attribute();
					var expr = a.kind() == RunAttribute.Kind.DURATION ? duration() : Expr.of(a.column());
					sql.add("(");
					if (op.isNullTest()) {
						sql.add(expr).add(op == Operator.IS_NULL ? " IS NULL" : " IS NOT NULL");
					}
					else {
						if (a.nullable()) {
							sql.add(expr).add(" IS NOT NULL AND ");
						}
						var text = a.kind() == RunAttribute.Kind.TEXT || a.kind() == RunAttribute.Kind.STATE;
						condition(sql, expr, text, op, binds(c.values()));
					}
					sql.add(")");
				}
			}
		}

		/** {@code SELECT 1 FROM <table> <a> WHERE} org, project, run and key. */
		private void keyed(Sql sql, String table, String a, String keyColumn, String key) {
			sql.add("SELECT 1 FROM " + table + " " + a + " WHERE " + a + ".org_id = ")
				.param(this.orgId)
				.add(" AND " + a + ".project_id = ")
				.param(this.projectId)
				.add(" AND " + a + ".run_id = r.run_id AND " + a + "." + keyColumn + " = ")
				.param(key);
		}

		/** A param compares numerically with numbers ({@code value_num}) and as text with strings. */
		private void paramCondition(Sql sql, String a, Operator op, List<Literal> values) {
			var number = Expr.of(a + ".value_num");
			var text = Expr.of(a + ".value");
			if (!op.isList()) {
				var value = values.get(0);
				condition(sql, value instanceof Literal.Num ? number : text, !(value instanceof Literal.Num), op,
						binds(values));
				return;
			}
			var numbers = values.stream().filter(Literal.Num.class::isInstance).toList();
			var texts = values.stream().filter(v -> !(v instanceof Literal.Num)).toList();
			// IN: equal to one of them; NOT IN: different from each (a number never equals a non-numeric param).
			sql.add("(");
			if (!numbers.isEmpty()) {
				condition(sql, number, false, op, binds(numbers));
			}
			if (!numbers.isEmpty() && !texts.isEmpty()) {
				sql.add(op == Operator.IN ? " OR " : " AND ");
			}
			if (!texts.isEmpty()) {
				condition(sql, text, true, op, binds(texts));
			}
			sql.add(")");
		}

		private static void condition(Sql sql, Expr expr, boolean text, Operator op, List<Object> binds) {
			sql.add(expr);
			if (text && op.isOrdering()) {
				sql.add(" COLLATE \"C\"");
			}
			switch (op) {
				case IN, NOT_IN -> {
					sql.add(op == Operator.IN ? " IN (" : " NOT IN (");
					for (int i = 0; i < binds.size(); i++) {
						sql.add(i == 0 ? "" : ", ").param(binds.get(i));
					}
					sql.add(")");
				}
				case EQ -> sql.add(" = ").param(binds.get(0));
				case NE -> sql.add(" <> ").param(binds.get(0));
				case LT -> sql.add(" < ").param(binds.get(0));
				case LE -> sql.add(" <= ").param(binds.get(0));
				case GT -> sql.add(" > ").param(binds.get(0));
				case GE -> sql.add(" >= ").param(binds.get(0));
				case LIKE -> sql.add(" LIKE ").param(binds.get(0));
				case NOT_LIKE -> sql.add(" NOT LIKE ").param(binds.get(0));
				case ILIKE -> sql.add(" ILIKE ").param(binds.get(0));
				case NOT_ILIKE -> sql.add(" NOT ILIKE ").param(binds.get(0));
				case IS_NULL, IS_NOT_NULL -> throw new IllegalStateException("null tests have no condition");
			}
		}

		private static List<Object> binds(List<Literal> values) {
			return values.stream().map(Compiler::bind).toList();
		}

		private static Object bind(Object value) {
			return switch (value) {
				case Literal.Num n -> n.value();
				case Literal.Text t -> t.value();
				case Literal.Time t -> OffsetDateTime.ofInstant(t.value(), ZoneOffset.UTC);
				case Literal.Id id -> id.value();
				case Instant instant -> OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
				case Double d -> d;
				case String s -> s;
				case UUID u -> u;
				default -> throw new IllegalArgumentException("cannot bind " + value.getClass());
			};
		}

	}
}
