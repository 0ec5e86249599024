package io.runledger.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import org.postgresql.PGConnection;

/**
 * Workload 6, storage: realistic curves (noisy float32 loss, accuracy, a learning-rate schedule, integer GPU
 * utilisation; timestamps 100-300 ms apart) sent as an SDK would (1,000 steps per request), left to the background
 * compactor until it has nothing left to merge, then measured. The series tables are shared with other projects, so
 * this data set's rows are copied into scratch tables of the same definition (LIKE ... INCLUDING ALL: indexes,
 * storage settings) and those are measured with pg_total_relation_size (heap + TOAST + indexes), divided by the
 * points stored. Baseline: the same points as one row per point (COPY into a table with a primary key).
 */
final class Storage {

	private static final int STEPS_PER_REQUEST = 1000;

	private Storage() {
	}

	static Result run(Ctx ctx) throws Exception {
		int runs = ctx.quick ? 4 : 20;
		int steps = ctx.quick ? 25_000 : 50_000;
		var keys = Curves.STORAGE_KEYS;
		var project = ctx.scratchProject("storage");
		var runIds = ctx.startRuns(project, "storage", runs);
		var data = new ArrayList<List<Curves.Series>>();
		for (int r = 0; r < runs; r++) {
			data.add(Curves.run(9000 + r, keys, steps));
		}
		int windows = steps / STEPS_PER_REQUEST;
		var bodies = new byte[runs * windows][];
		for (int k = 0; k < bodies.length; k++) {
			int w = k / runs;
			bodies[k] = Curves.body(null, data.get(k % runs), w * STEPS_PER_REQUEST, (w + 1) * STEPS_PER_REQUEST);
		}
		long points = (long) runs * steps * keys.size();
		var result = new Result("storage-bytes-per-point");
		result.unit = "B/point";
		result.higherIsBetter = false;
		result.target = 2.0;
		NativeIngest.log("storage: ingesting %,d points (%d runs × %d metrics × %,d steps) in %,d requests", points, runs,
				keys.size(), steps, bodies.length);
		try (var rss = new RssSampler(ctx.appPid)) {
			Timed.run(4, bodies.length, 1800,
					(t, k) -> ctx.ingest(runIds[k % runs], bodies[k], (long) keys.size() * STEPS_PER_REQUEST));
			double settle = waitForCompaction(ctx, project);
			result.details.put("compactionSettledSeconds", Samples.round(settle));
			result.peakRssMiB = Samples.round(rss.peakMiB());
		}
		try (var c = ctx.db()) {
			long stored = scalar(c, "select coalesce(sum(point_count), 0) from metric_series where project_id = '"
					+ project + "'::uuid");
			if (stored != points) {
				throw new BenchException("the storage runs hold " + stored + " points, expected " + points);
			}
			var chunks = "bench_storage_chunks_" + ctx.stamp;
			var series = "bench_storage_series_" + ctx.stamp;
			long chunkBytes, seriesBytes, payload, chunkRows, heap, toast, index;
			try (var st = c.createStatement()) {
				st.execute("drop table if exists " + chunks);
				st.execute("drop table if exists " + series);
				st.execute("create table " + chunks + " (like metric_chunks including all)");
				st.execute("create table " + series + " (like metric_series including all)");
				st.execute("insert into " + series + " overriding system value select * from metric_series where project_id = '"
						+ project + "'::uuid");
				st.execute("insert into " + chunks + " overriding system value select c.* from metric_chunks c join "
						+ series + " s on s.org_id = c.org_id and s.series_id = c.series_id");
				st.execute("vacuum analyze " + chunks);
				st.execute("vacuum analyze " + series);
				chunkBytes = scalar(c, "select pg_total_relation_size('" + chunks + "')");
				seriesBytes = scalar(c, "select pg_total_relation_size('" + series + "')");
				heap = scalar(c, "select pg_relation_size('" + chunks + "')");
				index = scalar(c, "select pg_indexes_size('" + chunks + "')");
				toast = chunkBytes - heap - index;
				payload = scalar(c, "select coalesce(sum(octet_length(data)), 0) from " + chunks);
				chunkRows = scalar(c, "select count(*) from " + chunks);
				var byKey = new LinkedHashMap<String, Object>();
				try (var rs = st.executeQuery("select s.key, sum(octet_length(c.data))::float8 / sum(c.point_count) from "
						+ chunks + " c join " + series + " s using (org_id, series_id) group by s.key order by s.key")) {
					while (rs.next()) {
						byKey.put(rs.getString(1), Samples.round(rs.getDouble(2)));
					}
				}
				result.details.put("encodedBytesPerPointByMetric", byKey);
			}
			finally {
				try (var st = c.createStatement()) {
					st.execute("drop table if exists " + chunks);
					st.execute("drop table if exists " + series);
				}
			}
			double perPoint = (double) (chunkBytes + seriesBytes) / points;
			result.figures(new double[] { perPoint });
			double rows = rowBaseline(ctx, c, data, points);
			result.baseline("copy-rows", rows);
			var d = new LinkedHashMap<String, Object>();
			d.put("runs", runs);
			d.put("metrics", keys);
			d.put("stepsPerRun", steps);
			d.put("points", points);
			d.put("stepsPerRequest", STEPS_PER_REQUEST);
			d.put("chunks", chunkRows);
			d.put("seriesTableBytes", seriesBytes);
			d.put("chunksTableBytes", chunkBytes);
			d.put("chunksHeapBytes", heap);
			d.put("chunksToastBytes", toast);
			d.put("chunksIndexBytes", index);
			d.put("encodedPayloadBytesPerPoint", Samples.round((double) payload / points));
			d.put("rowPerPointBytesPerPoint", Samples.round(rows));
			result.details.put("data", d);
			result.details.put("figureIs", "pg_total_relation_size of this data set's metric_chunks + metric_series rows"
					+ " (copied into fresh tables of the same definition) / points; one measurement, so min = median = max");
			result.note = String.format("%,d points; encoded payload alone %.2f B/point", points, (double) payload / points);
		}
		result.judge();
		return result;
	}

	/** Waits until no series of the project has enough small chunks for the compactor to merge; seconds waited. */
	private static double waitForCompaction(Ctx ctx, String project) throws Exception {
		long start = System.nanoTime();
		try (var c = ctx.db()) {
			for (int i = 0; i < 240; i++) {
				long pending = scalar(c, "select count(*) from metric_series where project_id = '" + project
						+ "'::uuid and small_chunks >= 8");
				if (pending == 0) {
					return (System.nanoTime() - start) / 1e9;
				}
				Thread.sleep(500);
			}
		}
		throw new BenchException("compaction did not settle within 120 s");
	}

	/** The same points as rows: COPY into (run_id, key_id, step, ts, value) with a primary key; bytes per point. */
	private static double rowBaseline(Ctx ctx, Connection c, List<List<Curves.Series>> data, long points)
			throws SQLException, java.io.IOException {
		var table = "bench_storage_rows_" + ctx.stamp;
		NativeIngest.createRowTable(c, table);
		try {
			var copy = c.unwrap(PGConnection.class).getCopyAPI();
			for (int r = 0; r < data.size(); r++) {
				var run = UUID.nameUUIDFromBytes(("storage-" + r).getBytes(StandardCharsets.UTF_8)).toString();
				var sb = new StringBuilder();
				var series = data.get(r);
				for (int m = 0; m < series.size(); m++) {
					var s = series.get(m);
					for (int i = 0; i < s.size(); i++) {
						sb.append(run).append('\t').append(m).append('\t').append(s.steps()[i]).append('\t')
							.append(s.timestamps()[i]).append('\t');
						Curves.number(sb, s.values()[i]);
						sb.append('\n');
					}
				}
				copy.copyIn("copy " + table + " from stdin",
						new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.US_ASCII)));
			}
			try (var st = c.createStatement()) {
				st.execute("vacuum analyze " + table);
			}
			return (double) scalar(c, "select pg_total_relation_size('" + table + "')") / points;
		}
		finally {
			NativeIngest.drop(c, table);
		}
	}

	static long scalar(Connection c, String sql) throws SQLException {
		try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
