package io.runledger.bench;

import java.util.List;

/**
 * Report data: one report of 20 line-chart panels over 100 runs each (10 panels on a live search run set, 10 on a
 * fixed list of the same runs), loaded with the one request a report page makes for all its panels. The figure is
 * the client latency at p50 (it includes serializing the answer), per iteration.
 */
final class ReportLoad {

	static final int RUNS = 100;

	static final int POINTS = 2_000;

	static final int PANELS = 20;

	private ReportLoad() {
	}

	/** A scratch project of the report's runs and data, and the report. */
	record Prepared(String projectId, String reportId) {
	}

	/** Ingests 100 runs × the storage keys × 2k points into a scratch project and saves the 20-panel report. */
	static Prepared prepare(Ctx ctx, String workload) throws Exception {
		// One project per workload: report-load-20x100 and ui-report-open both prepare this data in one bench run.
		var project = ctx.scratchProject(workload);
		var keys = Curves.STORAGE_KEYS;
		var runIds = ctx.startRuns(project, "report", RUNS);
		NativeIngest.log("%s: ingesting %d runs × %d metrics × %,d points", workload, RUNS, keys.size(), POINTS);
		// One batch per run carrying all its series: 100 requests in all, 4 in flight.
		var bodies = new byte[RUNS][];
		for (int r = 0; r < RUNS; r++) {
			bodies[r] = Curves.body(null, Curves.run(9000 + r, keys, POINTS), 0, POINTS);
		}
		Timed.run(4, RUNS, 600, (t, r) -> ctx.ingest(runIds[r], bodies[r], (long) keys.size() * POINTS));
		var reportId = ctx.member.postOk("/api/v1/projects/" + project + "/reports", report(runIds, keys))
			.get("id").asText();
		return new Prepared(project, reportId);
	}

	static Result run(Ctx ctx) throws Exception {
		var keys = Curves.STORAGE_KEYS;
		var reportId = prepare(ctx, "report-load-20x100").reportId();

		var result = new Result("report-load-20x100");
		result.target = 300.0;
		SeriesReads.queries(ctx, result, () -> ctx.member.get("/api/v1/reports/" + reportId + "/data"), answer -> {
			var panels = answer.get("panels");
			if (panels == null || panels.size() != PANELS) {
				throw new BenchException("expected " + PANELS + " panels, got " + (panels == null ? 0 : panels.size()));
			}
			for (var panel : panels) {
				var series = panel.get("series");
				if (panel.get("runs").size() != RUNS || series.size() != RUNS) {
					throw new BenchException("panel " + panel.get("blockId") + " shows " + panel.get("runs").size()
							+ " runs and " + series.size() + " series, expected " + RUNS);
				}
				for (var one : series) {
					if (one.get("pointCount").asLong() != POINTS || one.get("x").size() == 0) {
						throw new BenchException("series " + one.get("runId") + " is wrong: " + one.get("pointCount"));
					}
				}
			}
		}, true);
		result.details.put("data", RUNS + " runs × " + keys.size() + " metrics × " + POINTS + " points; " + PANELS
				+ " line charts × " + RUNS + " runs × 1 metric, LTTB 250 points (the default)");
		result.note = String.format("20 panels × 100 runs × 2k points → 250 each, one request; client latency "
				+ "(%.1f MB answer)", ((Number) result.details.get("answerBytes")).longValue() / 1e6);
		return result;
	}

	/** Panel i charts one metric; even panels use a live search, odd ones the fixed list of the same runs. */
	static String report(String[] runIds, List<String> keys) {
		var fixed = new StringBuilder("{\"runIds\":[");
		for (int r = 0; r < runIds.length; r++) {
			fixed.append(r == 0 ? "" : ",").append('"').append(runIds[r]).append('"');
		}
		fixed.append("]}");
		var live = "{\"filter\":\"name LIKE 'report-%'\",\"limit\":" + RUNS + "}";
		var blocks = new StringBuilder();
		for (int p = 0; p < PANELS; p++) {
			blocks.append(p == 0 ? "" : ",")
				.append("{\"type\":\"lineChart\",\"title\":\"panel ").append(p).append("\",\"runSet\":")
				.append(p % 2 == 0 ? live : fixed).append(",\"metrics\":[\"").append(keys.get(p % keys.size()))
				.append("\"]}");
		}
		return "{\"title\":\"bench report\",\"blocks\":[" + blocks + "]}";
	}
}
