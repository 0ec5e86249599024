package io.runledger.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Workload 4, chart reads: one 1M-point series reduced to 1,000 min/max buckets, and an overlay of 100 runs × 1
 * metric × 10k points (1,000 buckets each). One client sends the queries one after another; the figure is the
 * server time (Server-Timing) at p50, per iteration.
 */
final class SeriesReads {

	private SeriesReads() {
	}

	static Result oneMillion(Ctx ctx) throws Exception {
		var project = ctx.scratchProject("read1m");
		int points = 1_000_000;
		int perRequest = 100_000;
		var runId = ctx.startRun(project, "read-1m", null);
		var series = Curves.run(7001, List.of("loss"), points);
		NativeIngest.log("series-read-1m: ingesting %,d points", points);
		var bodies = new ArrayList<byte[]>();
		for (int from = 0; from < points; from += perRequest) {
			bodies.add(Curves.body(null, series, from, from + perRequest));
		}
		for (var b : bodies) {
			ctx.ingest(runId, b, perRequest);
		}
		var query = "{\"runIds\":[\"" + runId + "\"],\"keys\":[\"loss\"],\"mode\":\"BUCKETS\",\"points\":1000}";
		var result = new Result("series-read-1m");
		result.target = 20.0;
		queries(ctx, result, "/api/v1/series/query", query, answer -> {
			var s = answer.get("series");
			if (s == null || s.size() != 1) {
				throw new BenchException("expected one series, got " + answer);
			}
			check(s.get(0), points);
		});
		result.details.put("data", "1 run × 1 metric × 1,000,000 points, BUCKETS mode, 1,000 buckets");
		result.note = String.format("1 series × 1M points → 1,000 buckets; server time (client p50 %.1f ms)",
				((Number) ((java.util.Map<?, ?>) result.details.get("clientMs")).get("p50")).doubleValue());
		return result;
	}

	static Result overlay(Ctx ctx) throws Exception {
		var project = ctx.scratchProject("overlay");
		int runs = 100;
		int points = 10_000;
		var runIds = ctx.startRuns(project, "overlay", runs);
		NativeIngest.log("series-overlay-100: ingesting %d runs × %,d points", runs, points);
		var bodies = new byte[runs][];
		for (int r = 0; r < runs; r++) {
			bodies[r] = Curves.body(null, Curves.run(8000 + r, List.of("loss"), points), 0, points);
		}
		Timed.run(4, runs, 600, (t, r) -> ctx.ingest(runIds[r], bodies[r], points));
		var ids = new StringBuilder();
		for (int r = 0; r < runs; r++) {
			ids.append(r == 0 ? "" : ",").append('"').append(runIds[r]).append('"');
		}
		var query = "{\"runIds\":[" + ids + "],\"keys\":[\"loss\"],\"mode\":\"BUCKETS\",\"points\":1000}";
		var result = new Result("series-overlay-100");
		result.target = 150.0;
		queries(ctx, result, "/api/v1/series/query", query, answer -> {
			var s = answer.get("series");
			if (s == null || s.size() != runs) {
				throw new BenchException("expected " + runs + " series, got " + (s == null ? 0 : s.size()));
			}
			for (var one : s) {
				check(one, points);
			}
		}, true);
		result.details.put("data", "100 runs × 1 metric × 10,000 points, BUCKETS mode, 1,000 buckets per series");
		result.note = String.format("100 runs × 10k points → 1,000 buckets each; client latency (server time p50 %.1f ms"
				+ " excludes serializing the %.1f MB answer)", result.details.get("serverMs") instanceof java.util.Map<?, ?> m
						? ((Number) m.get("p50")).doubleValue() : Double.NaN,
				((Number) result.details.get("answerBytes")).longValue() / 1e6);
		return result;
	}

	private static void check(JsonNode series, long points) {
		if (series.get("pointCount").asLong() != points) {
			throw new BenchException("series has " + series.get("pointCount") + " points, expected " + points);
		}
		var counts = series.path("buckets").path("count");
		long sum = 0;
		for (var c : counts) {
			sum += c.asLong();
		}
		if (counts.size() == 0 || counts.size() > 1000 || sum != points) {
			throw new BenchException("buckets are wrong: " + counts.size() + " buckets holding " + sum + " points");
		}
	}

	/** Warm-up, then iterations of sequential queries; the figure per iteration is the p50 server time. */
	static void queries(Ctx ctx, Result result, String path, String query, Consumer<JsonNode> check) {
		queries(ctx, result, path, query, check, false);
	}

	/**
	 * @param clientFigure the figure is the client's latency rather than the server time: for large answers, since
	 * the server's Server-Timing header is necessarily written before the body is serialized
	 */
	static void queries(Ctx ctx, Result result, String path, String query, Consumer<JsonNode> check,
			boolean clientFigure) {
		queries(ctx, result, () -> ctx.member.post(path, query), check, clientFigure);
	}

	/** As above, for any request (e.g. a GET). */
	static void queries(Ctx ctx, Result result, Supplier<Http.Answer> request, Consumer<JsonNode> check,
			boolean clientFigure) {
		int warmups = ctx.quick ? 5 : 10;
		int iterations = 3;
		int perIteration = ctx.quick ? 10 : 30;
		result.unit = "ms";
		result.higherIsBetter = false;
		var client = new Samples();
		var server = new Samples();
		var figures = new double[iterations];
		boolean haveServerTime = true;
		long answerBytes = 0;
		int sent = 0;
		int warmed = 0;
		var meter = new CpuMeter(ctx.appPid);
		CpuMeter.Snapshot cpuStart = null;
		try (var rss = new RssSampler(ctx.appPid)) {
			// bounded in count and time: a slow endpoint shortens the loops (at least one query each) instead of
			// stretching the bench
			long budget = (long) ((ctx.quick ? 3 : 30) * 1e9);
			long warmStart = System.nanoTime();
			for (int i = 0; i < warmups && (i == 0 || System.nanoTime() - warmStart < budget / 2); i++) {
				warmed++;
				var a = request.get();
				if (!a.ok()) {
					throw new BenchException("query answered HTTP " + a.status() + ": " + a.text());
				}
				check.accept(a.json());
			}
			cpuStart = meter.snapshot();
			for (int it = 0; it < iterations; it++) {
				var c = new Samples();
				var s = new Samples();
				long itStart = System.nanoTime();
				for (int i = 0; i < perIteration && (i == 0 || System.nanoTime() - itStart < budget); i++) {
					var a = request.get();
					if (!a.ok()) {
						throw new BenchException("query answered HTTP " + a.status() + ": " + a.text());
					}
					c.add(a.clientNanos() / 1e6);
					s.add(a.serverMillis());
					if (i == 0) {
						check.accept(a.json());
						answerBytes = a.body().length;
					}
				}
				haveServerTime &= s.size() == c.size();
				sent += c.size();
				figures[it] = haveServerTime && !clientFigure ? s.percentile(50) : c.percentile(50);
				NativeIngest.log("%s: iteration %d: p50 %.2f ms server, %.2f ms client", result.name, it + 1,
						s.percentile(50), c.percentile(50));
				client.addAll(c);
				server.addAll(s);
			}
			result.peakRssMiB = Samples.round(rss.peakMiB());
		}
		result.figures(figures);
		result.details.put("figureIs", clientFigure
				? "p50 of the client latency per iteration (loopback; includes serializing the answer, which the"
						+ " Server-Timing header cannot: it is written before the body)"
				: haveServerTime ? "p50 of the server time (Server-Timing app;dur) per iteration"
						: "p50 of the client latency per iteration (the app sent no Server-Timing header)");
		result.details.put("answerBytes", answerBytes);
		var q = new LinkedHashMap<String, Object>();
		q.put("warmupQueries", warmed);
		q.put("iterations", iterations);
		q.put("measuredQueries", sent);
		q.put("plannedQueriesPerIteration", perIteration);
		result.details.put("queries", q);
		result.details.put("serverMs", server.summary());
		result.details.put("clientMs", client.summary());
		result.details.put("cpu", CpuMeter.between(cpuStart, meter.snapshot()));
		result.judge();
	}
}
