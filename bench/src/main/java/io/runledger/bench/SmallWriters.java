package io.runledger.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload 3, many small writers: 200 runs log concurrently, each request carrying one point of each of the run's
 * 4 metrics (what a training loop that flushes every step sends). Each writer sends its requests one after another;
 * requests/s over all writers, client-side latency percentiles, and no errors allowed.
 */
final class SmallWriters {

	private static final int WRITERS = 200;

	private static final List<String> KEYS = Curves.STORAGE_KEYS;

	private SmallWriters() {
	}

	static Result run(Ctx ctx) throws Exception {
		int perWriter = ctx.quick ? 10 : 50;
		int warmups = 1;
		int iterations = 3;
		int profiled = ctx.profile && ctx.appPid > 0 ? 1 : 0;
		int profileSteps = 50 * profiled;
		int totalSteps = perWriter * (warmups + iterations) + profileSteps;
		var result = new Result("small-writers");
		result.unit = "requests/s";

		var project = ctx.scratchProject("small");
		var runIds = ctx.startRuns(project, "small", WRITERS);
		// bodies[writer][step]: one point per metric, the step's own timestamp
		var bodies = new byte[WRITERS][totalSteps][];
		for (int w = 0; w < WRITERS; w++) {
			var series = Curves.run(5000 + w, KEYS, totalSteps);
			for (int i = 0; i < totalSteps; i++) {
				bodies[w][i] = Curves.body(null, series, i, i + 1);
			}
		}
		var client = new Samples();
		var server = new Samples();
		var figures = new double[iterations];
		var p99s = new double[iterations];
		var errors = new AtomicLong();
		var meter = new CpuMeter(ctx.appPid);
		CpuMeter.Snapshot cpuStart = null;
		try (var rss = new RssSampler(ctx.appPid)) {
			for (int it = 0; it < warmups + iterations; it++) {
				boolean measured = it >= warmups;
				if (measured && cpuStart == null) {
					cpuStart = meter.snapshot();
				}
				var c = new Samples();
				var s = new Samples();
				int offset = it * perWriter;
				long nanos = Timed.perThread(WRITERS, 600, (t, w) -> {
					for (int i = 0; i < perWriter; i++) {
						var a = ctx.member.post("/api/v1/runs/" + runIds[w] + "/metrics", bodies[w][offset + i]);
						if (a.status() != 200) {
							errors.incrementAndGet();
							throw new BenchException("small write answered HTTP " + a.status() + ": " + a.text());
						}
						c.add(a.clientNanos() / 1e6);
						s.add(a.serverMillis());
					}
				});
				double rate = WRITERS * perWriter / (nanos / 1e9);
				double p99 = c.percentile(99);
				NativeIngest.log("small-writers: %s: %,.0f requests/s, p99 %.1f ms", measured ? "iteration" : "warm-up",
						rate, p99);
				if (measured) {
					figures[it - warmups] = rate;
					p99s[it - warmups] = p99;
					client.addAll(c);
					server.addAll(s);
				}
			}
			result.peakRssMiB = Samples.round(rss.peakMiB());
		}
		if (profiled == 1) {
			var profiler = new Profiler(ctx.appPid, ctx.outDir.resolve("small-writers.jfr"));
			int offset = (warmups + iterations) * perWriter;
			profiler.start();
			long nanos;
			try {
				nanos = Timed.perThread(WRITERS, 600, (t, w) -> {
					for (int i = 0; i < profileSteps; i++) {
						ctx.ingest(runIds[w], bodies[w][offset + i], KEYS.size());
					}
				});
			}
			finally {
				profiler.stop();
			}
			NativeIngest.log("small-writers: profiled iteration (JFR on): %,.0f requests/s", WRITERS * profileSteps / (nanos / 1e9));
			var summary = profiler.summarize(ctx.outDir.resolve("small-writers-profile.txt"),
					"small-writers, " + WRITERS + " writers × " + profileSteps + " requests of " + KEYS.size() + " points");
			System.out.println(summary.lines().limit(40).reduce("", (a, b) -> a + b + "\n"));
		}
		long expected = (long) WRITERS * totalSteps * KEYS.size();
		long stored = ctx.pointsStored(runIds);
		if (stored != expected) {
			throw new BenchException("the small writers' runs hold " + stored + " points, expected " + expected);
		}
		result.figures(figures);
		var p99 = Samples.minMedianMax(p99s);
		var info = new LinkedHashMap<String, Object>();
		info.put("writers", WRITERS);
		info.put("pointsPerRequest", KEYS.size());
		info.put("requestsPerWriterPerIteration", perWriter);
		info.put("warmupIterations", warmups);
		info.put("measuredIterations", iterations);
		result.details.put("data", info);
		result.details.put("errors", errors.get());
		result.details.put("p99ClientMs", java.util.Map.of("min", Samples.round(p99[0]), "median", Samples.round(p99[1]),
				"max", Samples.round(p99[2])));
		result.details.put("requestClientMs", client.summary());
		result.details.put("requestServerMs", server.summary());
		result.details.put("pointsPerSecond", Math.round(result.median * KEYS.size()));
		result.details.put("cpu", CpuMeter.between(cpuStart, meter.snapshot()));
		result.met = errors.get() == 0;
		result.note = String.format("p99 %.1f ms (client), %d writers × %d requests, errors %d", p99[1], WRITERS,
				perWriter, errors.get());
		return result;
	}
}
