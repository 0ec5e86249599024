package io.runledger.api.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.runledger.api.tracking.search.RunFilterOracle.Run;

/**
 * The compiled SQL against the real PostgreSQL, compared with {@link RunFilterOracle} on random runs, filters and
 * orders, page by page through the cursors. Works in a scratch schema (tables from the tracking migration, without
 * the foreign key to projects) that it drops afterwards. Runs of another project and another organisation sit in the
 * same tables and must never show up.
 */
class RunSearchPostgresTests {

	static final UUID ORG = UUID.randomUUID();

	static final UUID PROJECT = UUID.randomUUID();

	static final String SCHEMA = "search_scratch_" + Long.toHexString(System.nanoTime());

	static Connection connection;

	static List<Run> runs;

	@BeforeAll
	static void createSchemaAndRuns() throws Exception {
		connection = connect();
		createScratchSchema(connection, SCHEMA);
		var random = new RandomSearches(42);
		runs = random.runs(400);
		insert(connection, ORG, PROJECT, runs);
		// The same runs under other ids in another project of the organisation and in another organisation.
		insert(connection, ORG, UUID.randomUUID(), copies(runs));
		insert(connection, UUID.randomUUID(), PROJECT, copies(runs));
		try (var statement = connection.createStatement()) {
			statement.execute("ANALYZE");
		}
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		if (connection != null) {
			try (var statement = connection.createStatement()) {
				statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
			}
			connection.close();
		}
	}

	@Test
	void random_filters_and_orders_find_what_the_oracle_finds_page_by_page() throws SQLException {
		var random = new RandomSearches(7);
		random.runs(0);
		var probe = new RandomSearches(42);
		probe.runs(400);
		int nonEmpty = 0;
		for (int i = 0; i < 400; i++) {
			var filter = i % 10 == 0 ? null : (i % 2 == 0 ? probe : random).filter();
			var order = random.order();
			boolean includeDeleted = random.chance(0.2);
			var expected = RunFilterOracle.search(runs, filter, order, includeDeleted, RandomSearches.NOW);
			// Small pages where there are few runs to page through, so that the test stays quick.
			int limit = Math.max(random.pick(List.of(1, 3, 10, 50, 1000)), expected.size() / 15);
			nonEmpty += expected.isEmpty() ? 0 : 1;
			var context = "filter " + (filter == null ? null : filter.toFilterString()) + " order "
					+ order.toOrderString() + " limit " + limit + " deleted " + includeDeleted;
			int probeSize = random.pick(List.of(1, 2, 5, 17, 60, 1000));
			assertThat(pages(filter, order, limit, includeDeleted, probeSize)).as(context + " probe " + probeSize)
				.containsExactlyElementsOf(expected.stream()
					.map(run -> new RunSearchSql.Row(run.runId(), RunFilterOracle.sortValues(run, order, RandomSearches.NOW)))
					.toList());
			var count = RunSearchSql.count(ORG, PROJECT, filter, includeDeleted, RandomSearches.NOW);
			try (var statement = prepare(count)) {
				var rs = statement.executeQuery();
				rs.next();
				assertThat(rs.getLong(1)).as(context).isEqualTo(expected.size());
			}
		}
		assertThat(nonEmpty).isGreaterThan(150);
	}

	@Test
	void every_single_comparison_agrees_with_the_oracle() throws SQLException {
		var random = new RandomSearches(99);
		random.runs(0);
		var withRuns = new RandomSearches(42);
		withRuns.runs(400);
		for (int i = 0; i < 600; i++) {
			var filter = (i % 2 == 0 ? random : withRuns).comparison();
			var expected = RunFilterOracle.search(runs, filter, null, false, RandomSearches.NOW);
			assertThat(pages(filter, RunOrder.DEFAULT, 1000, false).stream().map(RunSearchSql.Row::runId))
				.as(filter.toFilterString())
				.containsExactlyElementsOf(expected.stream().map(Run::runId).toList());
		}
	}

	@Test
	void parsed_filters_run_too() throws SQLException {
		for (var text : List.of("params.lr > 0.01 AND metrics.loss < 0.5", "metrics.`val loss` IS NULL",
				"tags.env ILIKE 'DEV' OR NOT tags.env = 'prod'", "state IN ('running', 'FINISHED') AND group IS NOT NULL",
				"duration > 'PT10M' AND started_at >= '2024-01-03'", "min(metrics.acc) = NaN OR max(metrics.acc) = Infinity",
				"params.x = '1''; drop table runs; --'", "name LIKE 'run-_' AND created_by != 'bob'")) {
			var filter = RunFilter.parse(text);
			var order = RunOrder.parse(List.of("metrics.loss DESC", "params.batch"));
			var expected = RunFilterOracle.search(runs, filter, order, false, RandomSearches.NOW);
			assertThat(pages(filter, order, 7, false).stream().map(RunSearchSql.Row::runId)).as(text)
				.containsExactlyElementsOf(expected.stream().map(Run::runId).toList());
		}
	}

	static List<RunSearchSql.Row> pages(RunFilter filter, RunOrder order, int limit, boolean includeDeleted)
			throws SQLException {
		return pages(filter, order, limit, includeDeleted, 1000);
	}

	/**
	 * All pages of a search, following the cursors. {@code probeSize} is the size of the first part of a
	 * metric-first search; small ones make the later parts run.
	 */
	static List<RunSearchSql.Row> pages(RunFilter filter, RunOrder order, int limit, boolean includeDeleted,
			int probeSize) throws SQLException {
		var rows = new ArrayList<RunSearchSql.Row>();
		String cursor = null;
		for (int page = 0; page < 10_000; page++) {
			var query = RunSearchSql.page(ORG, PROJECT, filter, order, limit, cursor, includeDeleted,
					RandomSearches.NOW, probeSize);
			var pageRows = new ArrayList<RunSearchSql.Row>();
			try (var statement = prepare(query)) {
				var rs = statement.executeQuery();
				while (rs.next()) {
					pageRows.add(RunSearchSql.readRow(rs, query));
				}
			}
			catch (SQLException e) {
				throw new SQLException(e.getMessage() + "\n" + query.sql(), e);
			}
			rows.addAll(pageRows);
			if (pageRows.size() < limit) {
				return rows;
			}
			cursor = RunSearchSql.nextCursor(query.order(), pageRows.get(pageRows.size() - 1));
		}
		throw new AssertionError("more pages than runs");
	}

	static PreparedStatement prepare(RunSearchSql.Query query) throws SQLException {
		var statement = connection.prepareStatement(query.sql());
		for (int i = 0; i < query.params().size(); i++) {
			statement.setObject(i + 1, query.params().get(i));
		}
		return statement;
	}

	// ------------------------------------------------------------------------------------------------ fixture

	static Connection connect() throws SQLException {
		var port = System.getenv().getOrDefault("RUNLEDGER_PG_PORT", "5432");
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + System.getenv().getOrDefault("RUNLEDGER_TEST_DB", "runledger_test"),
				"runledger_owner", "runledger_owner");
	}

	/**
	 * The tracking tables that search reads, created from the migration in a schema of their own, which becomes the
	 * connection's search path. The foreign key to {@code projects} is left out, and row-level security with it.
	 */
	static void createScratchSchema(Connection connection, String schema) throws SQLException, IOException {
		String migration;
		try (var in = RunSearchPostgresTests.class.getResourceAsStream("/db/migration/api/V1_100__tracking.sql")) {
			migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		var withoutComments = migration.replaceAll("(?m)^\\s*--.*$", "");
		var tables = Pattern.compile("\\b(runs|run_params|run_tags|metric_series)\\b");
		try (var statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
			statement.execute("SET search_path TO " + schema);
			for (var ddl : withoutComments.split(";\\s*\\n")) {
				var text = ddl.strip();
				var create = Pattern.compile("^CREATE (UNIQUE )?(TABLE|INDEX) \\S+(?: ON (\\w+))?").matcher(text);
				if (!create.find()) {
					continue;
				}
				var table = create.group(2).equals("TABLE") ? text.split("\\s+")[2] : create.group(3);
				if (table == null || !tables.matcher(table).matches()) {
					continue;
				}
				statement.execute(
						text.replaceAll(",\\s*FOREIGN KEY \\(org_id, project_id\\) REFERENCES projects[^\\n]*", ""));
			}
		}
	}

	static List<Run> copies(List<Run> runs) {
		return runs.stream()
			.map(r -> new Run(UUID.randomUUID(), r.name(), r.state(), r.createdBy(), r.group(), r.startedAt(),
					r.endedAt(), r.deleted(), r.params(), r.tags(), r.metrics()))
			.toList();
	}

	static void insert(Connection connection, UUID org, UUID project, List<Run> runs) throws SQLException {
		try (var run = connection.prepareStatement("INSERT INTO runs (org_id, run_id, project_id, name, state, "
				+ "created_by, run_group, started_at, ended_at, heartbeat_at, deleted_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
				var param = connection.prepareStatement(
						"INSERT INTO run_params (org_id, project_id, run_id, key, value, value_num) VALUES (?,?,?,?,?,?)");
				var tag = connection
					.prepareStatement("INSERT INTO run_tags (org_id, project_id, run_id, key, value) VALUES (?,?,?,?,?)");
				var metric = connection.prepareStatement("INSERT INTO metric_series (org_id, project_id, run_id, key, "
						+ "display_key, last_value, min_value, max_value) VALUES (?,?,?,?,?,?,?,?)")) {
			for (var r : runs) {
				run.setObject(1, org);
				run.setObject(2, r.runId());
				run.setObject(3, project);
				run.setString(4, r.name());
				run.setString(5, r.state());
				run.setString(6, r.createdBy());
				run.setString(7, r.group());
				run.setObject(8, utc(r.startedAt()));
				run.setObject(9, utc(r.endedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
				run.setObject(10, utc(r.startedAt()));
				run.setObject(11, r.deleted() ? utc(r.startedAt()) : null, Types.TIMESTAMP_WITH_TIMEZONE);
				run.addBatch();
			}
			run.executeBatch();
			for (var r : runs) {
				for (var p : r.params().entrySet()) {
					param.setObject(1, org);
					param.setObject(2, project);
					param.setObject(3, r.runId());
					param.setString(4, p.getKey());
					param.setString(5, p.getValue().value());
					param.setObject(6, p.getValue().valueNum(), Types.DOUBLE);
					param.addBatch();
				}
				for (var t : r.tags().entrySet()) {
					tag.setObject(1, org);
					tag.setObject(2, project);
					tag.setObject(3, r.runId());
					tag.setString(4, t.getKey());
					tag.setString(5, t.getValue());
					tag.addBatch();
				}
				for (var m : r.metrics().entrySet()) {
					metric.setObject(1, org);
					metric.setObject(2, project);
					metric.setObject(3, r.runId());
					// The raw key differs from the display key: search must match on the display key.
					metric.setString(4, "raw/" + m.getKey());
					metric.setString(5, m.getKey());
					metric.setObject(6, m.getValue().last(), Types.DOUBLE);
					metric.setObject(7, m.getValue().min(), Types.DOUBLE);
					metric.setObject(8, m.getValue().max(), Types.DOUBLE);
					metric.addBatch();
				}
			}
			param.executeBatch();
			tag.executeBatch();
			metric.executeBatch();
		}
	}

	static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
