package io.runledger.api.tracking.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a check but a measurement, run on request ({@code -Drunledger.search.explain=true}): 100,000 runs with 20
 * params and 10 metrics each (plus 20,000 runs in another project) in a scratch schema, then EXPLAIN ANALYZE of the
 * typical searches, printed. Takes a minute or so; drops the schema afterwards.
 */
@EnabledIfSystemProperty(named = "runledger.search.explain", matches = "true")
class RunSearchExplainBenchmark {

	static UUID org = UUID.randomUUID();

	static UUID project = UUID.randomUUID();

	@Test
	void explain_typical_searches_on_100k_runs() throws Exception {
		// -Drunledger.search.explain.schema=<name> keeps the generated schema (and reuses it next time); drop it by hand.
		var kept = System.getProperty("runledger.search.explain.schema");
		var schema = kept != null ? kept : "search_bench_" + Long.toHexString(System.nanoTime());
		try (var connection = RunSearchPostgresTests.connect()) {
			try {
				boolean exists;
				try (var statement = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
					statement.setString(1, schema);
					exists = statement.executeQuery().next();
				}
				if (exists) {
					try (var statement = connection.createStatement()) {
						statement.execute("SET search_path TO " + schema);
						var rs = statement.executeQuery("SELECT org_id, project_id FROM runs GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1");
						rs.next();
						org = rs.getObject(1, UUID.class);
						project = rs.getObject(2, UUID.class);
					}
				}
				else {
					RunSearchPostgresTests.createScratchSchema(connection, schema);
					long start = System.nanoTime();
					generate(connection, project, 100_000);
					generate(connection, UUID.randomUUID(), 20_000);
					try (var statement = connection.createStatement()) {
						statement.execute("VACUUM ANALYZE runs");
						statement.execute("VACUUM ANALYZE run_params");
						statement.execute("VACUUM ANALYZE run_tags");
						statement.execute("VACUUM ANALYZE metric_series");
					}
					System.out.printf("generated in %d s%n", (System.nanoTime() - start) / 1_000_000_000);
				}
				var now = Instant.now();
				try (var statement = connection.createStatement()) {
					statement.execute("DROP STATISTICS IF EXISTS run_params_key_value, run_params_key_number, run_tags_key_value");
					statement.execute("ANALYZE run_params");
					statement.execute("ANALYZE run_tags");
				}
				System.out.println("######## without extended statistics");
				explainAll(connection, now);
				// The same with extended statistics: without them PostgreSQL multiplies the selectivities of key and
				// value as if independent and underestimates a param filter (say 10% of runs) by a factor of 20.
				try (var statement = connection.createStatement()) {
					statement.execute("CREATE STATISTICS run_params_key_value (dependencies, mcv) ON key, value FROM run_params");
					statement.execute("CREATE STATISTICS run_params_key_number (dependencies, mcv) ON key, value_num FROM run_params");
					statement.execute("CREATE STATISTICS run_tags_key_value (dependencies, mcv) ON key, value FROM run_tags");
					statement.execute("ANALYZE run_params");
					statement.execute("ANALYZE run_tags");
				}
				System.out.println("######## with extended statistics on (key, value), (key, value_num)");
				explainAll(connection, now);
				// JIT compilation (on by default) costs hundreds of milliseconds on queries whose estimated cost is
				// high, and starting parallel workers costs tens; neither pays off for a page of 50.
				try (var statement = connection.createStatement()) {
					statement.execute("SET jit = off");
					statement.execute("SET max_parallel_workers_per_gather = 0");
				}
				System.out.println("######## with extended statistics, jit = off, max_parallel_workers_per_gather = 0");
				explainAll(connection, now);
			}
			finally {
				if (kept == null) {
					try (var statement = connection.createStatement()) {
						statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
					}
				}
			}
		}
	}

	static void explainAll(Connection connection, Instant now) throws SQLException {
		{
			{
				explain(connection, "param filter, sort by metric ASC, 50", "params.model = 'model_3'",
						List.of("metrics.loss"), null, now);
				explain(connection, "param filter, sort by metric DESC, 50", "params.model = 'model_3'",
						List.of("metrics.loss DESC"), null, now);
				var first = RunSearchSql.page(org, project, RunFilter.parse("params.model = 'model_3'"),
						RunOrder.parse(List.of("metrics.loss")), 50, null, false, now);
				var last = lastRow(connection, first);
				explain(connection, "same, second page (cursor)", "params.model = 'model_3'", List.of("metrics.loss"),
						RunSearchSql.nextCursor(first.order(), last), now);
				explain(connection, "numeric param range, sort by max(metric) DESC", "params.lr < 0.01",
						List.of("max(metrics.acc) DESC"), null, now);
				explain(connection, "two params (0.1%), sort by metric", "params.model = 'model_3' AND params.lr = 0.005",
						List.of("metrics.loss"), null, now);
				explain(connection, "rare tag, sort by metric", "tags.rare = 'yes'", List.of("metrics.loss"), null, now);
				explain(connection, "metric filter + param filter, sort by metric",
						"metrics.acc > 0.9 AND params.model IN ('model_1', 'model_2')", List.of("metrics.loss"), null,
						now);
				explain(connection, "no filter, default order", null, List.of(), null, now);
				explain(connection, "param filter, default order", "params.model = 'model_3'", List.of(), null, now);
				explain(connection, "OR / NOT filter, sort by param", "params.model = 'model_3' OR NOT tags.env = 'prod'",
						List.of("params.lr DESC"), null, now);
				explain(connection, "sort by metric no filter", null, List.of("metrics.loss DESC"), null, now);
				explain(connection, "unselective param filter (90%), sort by metric", "params.model != 'model_3'",
						List.of("metrics.loss"), null, now);
				explain(connection, "1% param filter, sort by metric", "params.lr = 0.005", List.of("metrics.loss"),
						null, now);
				explain(connection, "param filter, sort by metric then param", "params.model = 'model_3'",
						List.of("metrics.loss", "params.lr DESC"), null, now);
				explain(connection, "param filter, sort by a metric 2% of runs lack, DESC, page 1000",
						"params.model = 'model_3'", List.of("metrics.loss DESC"), null, now, 1000);
				explainCount(connection, "count, param filter", "params.model = 'model_3'", now);
			}
		}
	}

	static RunSearchSql.Row lastRow(Connection connection, RunSearchSql.Query query) throws SQLException {
		try (var statement = connection.prepareStatement(query.sql())) {
			bind(statement, query);
			var rs = statement.executeQuery();
			RunSearchSql.Row row = null;
			while (rs.next()) {
				row = RunSearchSql.readRow(rs, query);
			}
			return row;
		}
	}

	static void explain(Connection connection, String title, String filter, List<String> order, String cursor,
			Instant now) throws SQLException {
		explain(connection, title, filter, order, cursor, now, 50);
	}

	static void explain(Connection connection, String title, String filter, List<String> order, String cursor,
			Instant now, int limit) throws SQLException {
		var query = RunSearchSql.page(org, project, RunFilter.parse(filter), RunOrder.parse(order), limit, cursor,
				false, now);
		run(connection, title + " | filter: " + filter + " | order: " + order, query);
	}

	static void explainCount(Connection connection, String title, String filter, Instant now) throws SQLException {
		run(connection, title + " | filter: " + filter, RunSearchSql.count(org, project, RunFilter.parse(filter), false, now));
	}

	static void run(Connection connection, String title, RunSearchSql.Query query) throws SQLException {
		var plan = new StringBuilder();
		for (int attempt = 0; attempt < 3; attempt++) {
			plan.setLength(0);
			try (var statement = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + query.sql())) {
				bind(statement, query);
				var rs = statement.executeQuery();
				while (rs.next()) {
					plan.append(rs.getString(1)).append('\n');
				}
			}
		}
		System.out.println("=== " + title + "\n" + plan);
	}

	static void bind(java.sql.PreparedStatement statement, RunSearchSql.Query query) throws SQLException {
		for (int i = 0; i < query.params().size(); i++) {
			statement.setObject(i + 1, query.params().get(i));
		}
	}

	static void generate(Connection connection, UUID projectId, int runs) throws SQLException {
		try (var statement = connection.prepareStatement("""
				INSERT INTO runs (org_id, run_id, project_id, name, state, created_by, run_group, started_at, ended_at,
				                  heartbeat_at)
				SELECT ?, gen_random_uuid(), ?, 'run-' || i, (ARRAY['RUNNING','FINISHED','FAILED','KILLED','CRASHED'])[1 + i % 5],
				       'user' || (i % 20), 'g' || (i % 50), timestamptz '2024-01-01' + i * interval '1 minute',
				       timestamptz '2024-01-01' + i * interval '1 minute' + (i % 97) * interval '1 minute',
				       timestamptz '2024-01-01' + i * interval '1 minute'
				  FROM generate_series(1, ?) i""")) {
			statement.setObject(1, org);
			statement.setObject(2, projectId);
			statement.setInt(3, runs);
			statement.executeUpdate();
		}
		try (var statement = connection.prepareStatement("""
				INSERT INTO run_params (org_id, project_id, run_id, key, value, value_num)
				SELECT r.org_id, r.project_id, r.run_id, x.key, x.value,
				       CASE WHEN x.value ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN x.value::double precision END
				  FROM runs r
				 CROSS JOIN LATERAL (
				       SELECT 'model', 'model_' || (abs(hashtext(r.run_id::text)) % 10)
				       UNION ALL SELECT 'lr', ((abs(hashtext(r.run_id::text || 'lr')) % 100) * 0.001)::text
				       UNION ALL SELECT 'p' || k, CASE WHEN k % 2 = 0 THEN (abs(hashtext(r.run_id::text || k)) % 1000)::text
				                                       ELSE 'v' || (abs(hashtext(r.run_id::text || k)) % 30) END
				         FROM generate_series(2, 19) k) AS x(key, value)
				 WHERE r.project_id = ?""")) {
			statement.setObject(1, projectId);
			statement.executeUpdate();
		}
		try (var statement = connection.prepareStatement("""
				INSERT INTO run_tags (org_id, project_id, run_id, key, value)
				SELECT r.org_id, r.project_id, r.run_id, 'env', CASE WHEN abs(hashtext(r.run_id::text)) % 3 = 0 THEN 'prod' ELSE 'dev' END
				  FROM runs r WHERE r.project_id = ?
				UNION ALL
				SELECT r.org_id, r.project_id, r.run_id, 'rare', 'yes'
				  FROM runs r WHERE r.project_id = ? AND abs(hashtext(r.run_id::text || 'rare')) % 5000 = 0""")) {
			statement.setObject(1, projectId);
			statement.setObject(2, projectId);
			statement.executeUpdate();
		}
		try (var statement = connection.prepareStatement("""
				INSERT INTO metric_series (org_id, project_id, run_id, key, display_key, point_count, last_value,
				                           min_value, max_value)
				SELECT r.org_id, r.project_id, r.run_id, m.key, m.key, 100, v, v - random(), v + random()
				  FROM runs r
				 CROSS JOIN unnest(ARRAY['loss','acc','m2','m3','m4','m5','m6','m7','m8','m9']) AS m(key)
				 CROSS JOIN LATERAL (SELECT random() AS v WHERE r.run_id IS NOT NULL AND m.key IS NOT NULL) x
				 WHERE r.project_id = ?
				   AND (m.key <> 'loss' OR abs(hashtext(r.run_id::text || 'noloss')) % 50 <> 0)""")) {
			statement.setObject(1, projectId);
			statement.executeUpdate();
		}
	}
}
