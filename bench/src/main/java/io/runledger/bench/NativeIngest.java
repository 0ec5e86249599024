package io.runledger.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.postgresql.PGConnection;

/**
 * Workload 1, native batch ingest, and its two baselines on the same PostgreSQL with the same points:
 * <ul>
 * <li>native-ingest: 20 runs × 5 metrics (100 series); each request carries one run's 5 metrics over a window of
 * steps; 1, 4 and 16 concurrent writers; points/s from the first request sent to the last acknowledgement (which the
 * app gives after a durable commit).</li>
 * <li>copy-rows: the same points as one row per point, (run_id, key_id, step, ts, value) with a primary key on
 * (run_id, key_id, step, ts), loaded with COPY, one COPY (one commit) per request-sized chunk.</li>
 * <li>insert-batches: the same rows with batched prepared INSERTs (pgjdbc reWriteBatchedInserts, 1000 rows a
 * batch, a commit per request-sized chunk), over the first chunks only (it is slow).</li>
 * </ul>
 */
final class NativeIngest {

	private static final int RUNS = 20;

	private static final int[] WRITERS = { 1, 4, 16 };

	private NativeIngest() {
	}

	static Result run(Ctx ctx) throws Exception {
		var keys = Curves.INGEST_KEYS;
		int steps = ctx.quick ? 10_000 : 100_000;
		int window = ctx.quick ? 5_000 : 20_000;
		int warmups = 1;
		int iterations = 3;
		int windows = steps / window;
		int requests = RUNS * windows;
		long pointsPerRequest = (long) keys.size() * window;
		long points = pointsPerRequest * requests;

		var result = new Result("native-ingest");
		result.unit = "points/s";
		result.target = 1_000_000.0;
		result.targetRatio = 2.0;
		log("native-ingest: generating %,d points (%d runs × %d metrics × %,d steps)", points, RUNS, keys.size(),
				steps);
		var data = new ArrayList<List<Curves.Series>>();
		for (int r = 0; r < RUNS; r++) {
			data.add(Curves.run(1000 + r, keys, steps));
		}
		// request k carries run (k % RUNS), window (k / RUNS): runs interleave, each run's windows go in step order
		var bodies = new byte[requests][];
		long bodyBytes = 0;
		for (int k = 0; k < requests; k++) {
			int w = k / RUNS;
			bodies[k] = Curves.body(null, data.get(k % RUNS), w * window, (w + 1) * window);
			bodyBytes += bodies[k].length;
		}
		var info = new LinkedHashMap<String, Object>();
		info.put("runs", RUNS);
		info.put("metricsPerRun", keys.size());
		info.put("series", RUNS * keys.size());
		info.put("pointsPerIteration", points);
		info.put("requestsPerIteration", requests);
		info.put("pointsPerRequest", pointsPerRequest);
		info.put("jsonBytesPerPoint", Samples.round((double) bodyBytes / points));
		info.put("warmupIterations", warmups);
		info.put("measuredIterations", iterations);
		result.details.put("data", info);

		var project = ctx.scratchProject("ingest");
		var byWriters = new ArrayList<Map<String, Object>>();
		double best = -1;
		double[] bestFigures = null;
		try (var rss = new RssSampler(ctx.appPid)) {
			for (int writers : WRITERS) {
				var client = new Samples();
				var server = new Samples();
				var figures = new double[iterations];
				CpuMeter.Snapshot cpuStart = null;
				var meter = new CpuMeter(ctx.appPid);
				for (int it = 0; it < warmups + iterations; it++) {
					boolean measured = it >= warmups;
					var runIds = ctx.startRuns(project, "ingest-w" + writers + "-i" + it, RUNS);
					if (measured && cpuStart == null) {
						cpuStart = meter.snapshot();
					}
					var c = measured ? client : new Samples();
					var s = measured ? server : new Samples();
					long nanos = Timed.run(writers, requests, 1800, (t, k) -> {
						var a = ctx.ingest(runIds[k % RUNS], bodies[k], pointsPerRequest);
						c.add(a.clientNanos() / 1e6);
						s.add(a.serverMillis());
					});
					double rate = points / (nanos / 1e9);
					long stored = ctx.pointsStored(runIds);
					if (stored != points) {
						throw new BenchException("after ingest the runs hold " + stored + " points, expected " + points);
					}
					log("native-ingest: %2d writers, %s %d: %,.0f points/s", writers, measured ? "iteration" : "warm-up",
							measured ? it - warmups + 1 : it + 1, rate);
					if (measured) {
						figures[it - warmups] = rate;
					}
				}
				var cpu = CpuMeter.between(cpuStart, meter.snapshot());
				var mmm = Samples.minMedianMax(figures);
				var row = new LinkedHashMap<String, Object>();
				row.put("writers", writers);
				row.put("min", Math.round(mmm[0]));
				row.put("median", Math.round(mmm[1]));
				row.put("max", Math.round(mmm[2]));
				row.put("requestClientMs", client.summary());
				row.put("requestServerMs", server.summary());
				row.put("cpu", cpu);
				byWriters.add(row);
				if (mmm[1] > best) {
					best = mmm[1];
					bestFigures = figures;
				}
				if (ctx.profile && writers == 4) {
					profile(ctx, project, bodies, requests, pointsPerRequest);
				}
			}
			result.peakRssMiB = Samples.round(rss.peakMiB());
		}
		result.figures(bestFigures);
		result.details.put("figureIs", "the best median of 1, 4 and 16 writers; byWriters has each");
		result.details.put("byWriters", byWriters);

		// Baselines: free the JSON first; the rows are the same points.
		for (int k = 0; k < requests; k++) {
			bodies[k] = null;
		}
		var runUuids = new UUID[RUNS];
		for (int r = 0; r < RUNS; r++) {
			runUuids[r] = UUID.nameUUIDFromBytes(("bench-run-" + r).getBytes(StandardCharsets.UTF_8));
		}
		var baselines = new LinkedHashMap<String, Object>();
		var copy = copyRows(ctx, data, runUuids, window, requests, warmups, iterations);
		baselines.put("copy-rows", copy);
		int insertChunks = ctx.quick ? 8 : 20;
		var insert = insertBatches(ctx, data, runUuids, window, insertChunks, iterations);
		baselines.put("insert-batches", insert);
		result.details.put("baselines", baselines);
		result.baseline("copy-rows", ((Number) copy.get("median")).doubleValue());
		result.details.put("ratioToInsertBatches",
				Samples.round(result.median / ((Number) insert.get("median")).doubleValue()));
		result.note = "best of 1/4/16 writers; " + String.format("%,d", points) + " points per iteration"
				+ (ctx.quick ? " (QUICK: 1/10 of the full size)" : "");
		result.judge();
		return result;
	}

	private static void profile(Ctx ctx, String project, byte[][] bodies, int requests, long pointsPerRequest)
			throws Exception {
		if (ctx.appPid <= 0) {
			log("native-ingest: no app pid, so no JFR profile");
			return;
		}
		var jfr = ctx.outDir.resolve("native-ingest.jfr");
		var profiler = new Profiler(ctx.appPid, jfr);
		profiler.start();
		long start = System.nanoTime();
		long pointsSent = 0;
		int passes = 0;
		try {
			// long enough for a few thousand samples: repeat the iteration (into new runs) for about 20 s
			do {
				var runIds = ctx.startRuns(project, "ingest-profile-" + passes, RUNS);
				Timed.run(4, requests, 1800, (t, k) -> ctx.ingest(runIds[k % RUNS], bodies[k], pointsPerRequest));
				pointsSent += requests * pointsPerRequest;
				passes++;
			}
			while (System.nanoTime() - start < 20e9 && passes < 40);
		}
		finally {
			profiler.stop();
		}
		log("native-ingest: profiled %d iterations (4 writers, JFR on): %,.0f points/s including run starts", passes,
				pointsSent / ((System.nanoTime() - start) / 1e9));
		var summary = profiler.summarize(ctx.outDir.resolve("native-ingest-profile.txt"),
				"native-ingest, 4 writers, " + String.format("%,d", pointsSent) + " points in " + passes
						+ " iterations of " + requests + " requests");
		System.out.println(summary.lines().limit(40).reduce("", (a, b) -> a + b + "\n"));
	}

	/** The same points as COPY text, one chunk per native request. */
	private static byte[] copyText(List<Curves.Series> series, UUID run, int from, int to) {
		var sb = new StringBuilder((to - from) * series.size() * 80);
		var id = run.toString();
		for (int m = 0; m < series.size(); m++) {
			var s = series.get(m);
			for (int i = from; i < to; i++) {
				sb.append(id).append('\t').append(m).append('\t').append(s.steps()[i]).append('\t')
					.append(s.timestamps()[i]).append('\t');
				Curves.number(sb, s.values()[i]);
				sb.append('\n');
			}
		}
		return sb.toString().getBytes(StandardCharsets.US_ASCII);
	}

	static String createRowTable(Connection c, String table) throws SQLException {
		try (var st = c.createStatement()) {
			st.execute("drop table if exists " + table);
			st.execute("create table " + table + " (run_id uuid not null, key_id int not null, step bigint not null,"
					+ " ts bigint not null, value float8, primary key (run_id, key_id, step, ts))");
		}
		return table;
	}

	static void drop(Connection c, String table) throws SQLException {
		try (var st = c.createStatement()) {
			st.execute("drop table if exists " + table);
		}
	}

	static long totalRelationSize(Connection c, String table) throws SQLException {
		try (var st = c.createStatement(); var rs = st.executeQuery("select pg_total_relation_size('" + table + "')")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static Map<String, Object> copyRows(Ctx ctx, List<List<Curves.Series>> data, UUID[] runs, int window,
			int requests, int warmups, int iterations) throws Exception {
		log("copy-rows: generating COPY text");
		var texts = new byte[requests][];
		for (int k = 0; k < requests; k++) {
			int w = k / RUNS;
			texts[k] = copyText(data.get(k % RUNS), runs[k % RUNS], w * window, (w + 1) * window);
		}
		long rows = (long) requests * window * data.getFirst().size();
		var table = "bench_copy_rows_" + ctx.stamp;
		var byConnections = new ArrayList<Map<String, Object>>();
		double best = -1;
		Map<String, Object> bestRow = null;
		long bytes = -1;
		try (var admin = ctx.db()) {
			try {
				for (int writers : WRITERS) {
					var figures = new double[iterations];
					var meter = new CpuMeter(ctx.appPid);
					CpuMeter.Snapshot cpuStart = null;
					// the COPY connections stay open across iterations, so their backends' CPU is still countable
					var conns = new Connection[writers];
					Map<String, Object> cpu;
					try {
						for (int t = 0; t < writers; t++) {
							conns[t] = ctx.db();
						}
						for (int it = 0; it < warmups + iterations; it++) {
							createRowTable(admin, table);
							if (it == warmups) {
								cpuStart = meter.snapshot();
							}
							long nanos = Timed.run(writers, requests, 1800, (t, k) -> conns[t].unwrap(PGConnection.class)
								.getCopyAPI()
								.copyIn("copy " + table + " from stdin", new java.io.ByteArrayInputStream(texts[k])));
							double rate = rows / (nanos / 1e9);
							log("copy-rows: %2d connections, %s: %,.0f rows/s", writers,
									it >= warmups ? "iteration" : "warm-up", rate);
							if (it >= warmups) {
								figures[it - warmups] = rate;
							}
							if (bytes < 0) {
								bytes = totalRelationSize(admin, table);
							}
						}
						cpu = CpuMeter.between(cpuStart, meter.snapshot());
					}
					finally {
						for (var conn : conns) {
							if (conn != null) {
								conn.close();
							}
						}
					}
					var row = connectionRow(writers, figures);
					row.put("cpu", cpu);
					byConnections.add(row);
					if ((long) row.get("median") > best) {
						best = (long) row.get("median");
						bestRow = row;
					}
				}
			}
			finally {
				drop(admin, table);
			}
		}
		var out = bestOf(bestRow, "the best median of 1, 4 and 16 connections");
		out.put("rows", rows);
		out.put("tableBytesPerPoint", Samples.round((double) bytes / rows));
		out.put("byConnections", byConnections);
		return out;
	}

	private static Map<String, Object> insertBatches(Ctx ctx, List<List<Curves.Series>> data, UUID[] runs, int window,
			int chunks, int iterations) throws Exception {
		long rows = (long) chunks * window * data.getFirst().size();
		var table = "bench_insert_rows_" + ctx.stamp;
		var url = ctx.jdbcUrl + (ctx.jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
		var byConnections = new ArrayList<Map<String, Object>>();
		double best = -1;
		Map<String, Object> bestRow = null;
		try (var admin = ctx.db()) {
			try {
				for (int writers : WRITERS) {
					var figures = new double[iterations];
					for (int it = 0; it < iterations; it++) {
						createRowTable(admin, table);
						var conns = new Connection[writers];
						var statements = new PreparedStatement[writers];
						for (int t = 0; t < writers; t++) {
							conns[t] = java.sql.DriverManager.getConnection(url, ctx.jdbcUser, ctx.jdbcPassword);
							conns[t].setAutoCommit(false);
							statements[t] = conns[t].prepareStatement(
									"insert into " + table + " (run_id, key_id, step, ts, value) values (?, ?, ?, ?, ?)");
						}
						long nanos;
						try {
							nanos = Timed.run(writers, chunks, 1800, (t, k) -> {
								var ps = statements[t];
								var series = data.get(k % RUNS);
								var run = runs[k % RUNS];
								int w = k / RUNS;
								int n = 0;
								for (int m = 0; m < series.size(); m++) {
									var s = series.get(m);
									for (int i = w * window; i < (w + 1) * window; i++) {
										ps.setObject(1, run);
										ps.setInt(2, m);
										ps.setLong(3, s.steps()[i]);
										ps.setLong(4, s.timestamps()[i]);
										ps.setDouble(5, s.values()[i]);
										ps.addBatch();
										if (++n % 1000 == 0) {
											ps.executeBatch();
										}
									}
								}
								ps.executeBatch();
								conns[t].commit();
							});
						}
						finally {
							for (var conn : conns) {
								conn.close();
							}
						}
						double rate = rows / (nanos / 1e9);
						log("insert-batches: %2d connections, iteration %d: %,.0f rows/s", writers, it + 1, rate);
						figures[it] = rate;
					}
					var row = connectionRow(writers, figures);
					byConnections.add(row);
					if ((long) row.get("median") > best) {
						best = (long) row.get("median");
						bestRow = row;
					}
				}
			}
			finally {
				drop(admin, table);
			}
		}
		var out = bestOf(bestRow, "the best median of 1, 4 and 16 connections, no warm-up");
		out.put("rows", rows);
		out.put("byConnections", byConnections);
		return out;
	}

	static void log(String format, Object... args) {
		System.out.printf("[bench] " + format + "%n", args);
	}

	/** One baseline row: the min/median/max of a connection count's iterations. */
	private static LinkedHashMap<String, Object> connectionRow(int connections, double[] figures) {
		var mmm = Samples.minMedianMax(figures);
		var row = new LinkedHashMap<String, Object>();
		row.put("connections", connections);
		row.put("min", Math.round(mmm[0]));
		row.put("median", Math.round(mmm[1]));
		row.put("max", Math.round(mmm[2]));
		return row;
	}

	/** A baseline's headline: its best connection count's figures. */
	private static LinkedHashMap<String, Object> bestOf(java.util.Map<String, Object> bestRow, String figureIs) {
		var out = new LinkedHashMap<String, Object>();
		out.put("unit", "points/s");
		out.put("min", bestRow.get("min"));
		out.put("median", bestRow.get("median"));
		out.put("max", bestRow.get("max"));
		out.put("figureIs", figureIs);
		return out;
	}
}
