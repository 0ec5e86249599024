package io.runledger.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * metering-overhead: native ingest throughput with metering (every batch recorded as usage in its transaction,
 * Redis counters told after commit, the budget guard asked) against metering switched off by configuration
 * ({@code runledger.metering.enabled=false}): two fresh instances of the same jar on the same database, started
 * together by bench/run.sh so neither has a head start in JIT or heap sizing. Both are warmed up until their rounds
 * agree, then rounds alternate so both see the same machine load; the figure is the metered median, the baseline the
 * unmetered one, and the ratio must stay at or above 0.95 (metering costs at most 5 %).
 */
final class MeteringOverhead {

	private static final int RUNS = 8;

	private static final int WRITERS = 4;

	private MeteringOverhead() {
	}

	static Result run(Ctx ctx) throws Exception {
		if (ctx.unmetered == null || ctx.metered == null) {
			return Result.skipped("metering-overhead", "no metered/unmetered instance pair (bench/run.sh starts them)");
		}
		var keys = Curves.INGEST_KEYS;
		int steps = ctx.quick ? 5_000 : 40_000;
		int window = ctx.quick ? 2_500 : 5_000;
		int rounds = ctx.quick ? 2 : 5;
		int windows = steps / window;
		int requests = RUNS * windows;
		long pointsPerRequest = (long) keys.size() * window;
		long points = pointsPerRequest * requests;
		var data = new ArrayList<List<Curves.Series>>();
		for (int r = 0; r < RUNS; r++) {
			data.add(Curves.run(2000 + r, keys, steps));
		}
		var bodies = new byte[requests][];
		for (int k = 0; k < requests; k++) {
			int w = k / RUNS;
			bodies[k] = Curves.body(null, data.get(k % RUNS), w * window, (w + 1) * window);
		}
		var project = ctx.scratchProject("metering");
		var metered = new double[rounds];
		var unmetered = new double[rounds];
		for (var side : new Http[] { ctx.metered, ctx.unmetered }) {
			double previous = 0;
			for (int warm = 0; warm < 8; warm++) {
				double rate = round(ctx, side, project, "metering-warm-" + warm, bodies, requests, points);
				NativeIngest.log("metering-overhead: warm-up %d, %s: %,.0f points/s", warm + 1,
						side == ctx.metered ? "metered" : "unmetered", rate);
				if (warm >= 2 && Math.abs(rate - previous) / previous < 0.1) {
					break;
				}
				previous = rate;
			}
		}
		for (int round = 0; round < rounds; round++) {
			for (int side = 0; side < 2; side++) {
				boolean meteredSide = (side == 0) == (round % 2 == 0);
				double rate = round(ctx, meteredSide ? ctx.metered : ctx.unmetered, project,
						"metering-" + (meteredSide ? "on" : "off") + "-" + round, bodies, requests, points);
				NativeIngest.log("metering-overhead: round %d, %s: %,.0f points/s", round + 1,
						meteredSide ? "metered" : "unmetered", rate);
				(meteredSide ? metered : unmetered)[round] = rate;
			}
		}
		var result = new Result("metering-overhead");
		result.unit = "points/s";
		result.target = 0.0;
		result.targetRatio = 0.95;
		result.figures(metered);
		result.baseline("metering-off", Samples.minMedianMax(unmetered)[1]);
		var info = new LinkedHashMap<String, Object>();
		info.put("writers", WRITERS);
		info.put("pointsPerRound", points);
		info.put("pointsPerRequest", pointsPerRequest);
		info.put("metered", metered);
		info.put("unmetered", unmetered);
		result.details.put("rounds", info);
		result.note = "ratio = metered / unmetered median over " + rounds + " alternating rounds of " + String.format("%,d",
				points) + " points, " + WRITERS + " writers; two fresh instances of the same jar and database, metering switched off by config in one";
		result.judge();
		return result;
	}

	/** One round: every request once, spread over the writers; checks that every point was stored. */
	private static double round(Ctx ctx, Http http, String project, String prefix, byte[][] bodies, int requests,
			long points) throws Exception {
		var runIds = ctx.startRuns(project, prefix, RUNS);
		long nanos = Timed.run(WRITERS, requests, 1800, (t, k) -> {
			var a = http.post("/api/v1/runs/" + runIds[k % RUNS] + "/metrics", bodies[k]);
			if (a.status() != 200) {
				throw new BenchException("ingest answered " + a.status() + ": " + new String(a.body()));
			}
		});
		long stored = ctx.pointsStored(runIds);
		if (stored != points) {
			throw new BenchException("after ingest the runs hold " + stored + " points, expected " + points);
		}
		return points / (nanos / 1e9);
	}

	static Http client(String url, String memberKey) {
		return url == null ? null : new Http(url, memberKey, Duration.ofSeconds(300));
	}
}
