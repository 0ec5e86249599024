package io.runledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The ui-* workloads: the web UI in headless Chromium, timed by the UI's own performance marks. The browser side is
 * web-frontend/bench/ui-bench.mjs (playwright-core from web-frontend/node_modules, Keycloak sign-in from
 * e2e/harness.mjs); this side prepares the data (the run-search data set for the table, 100 runs × 10k points for
 * the charts, ReportLoad's 20-panel report over 100 runs and a share link to it), runs the script once for all selected ui workloads, and turns its figures into results.
 */
final class UiBench {

	static final List<String> NAMES = List.of("ui-table-first-paint", "ui-table-sort-filter", "ui-table-scroll",
			"ui-chart-100x10k", "ui-chart-zoom", "ui-report-open");

	private static final int CHART_RUNS = 100;

	/** Points per chart run: 10k (QUICK: 2k, to stay within CI's minute). */
	private static int points(Ctx ctx) {
		return ctx.quick ? 2_000 : 10_000;
	}

	/** The script's answer for every selected ui workload (one browser, one sign-in), or why there is none. */
	private static JsonNode output;

	private static String skipped;

	/** Preparing or running the script failed: every ui workload reports it. */
	private static String failure;

	private UiBench() {
	}

	static Result run(Ctx ctx, String name) throws Exception {
		if (output == null && skipped == null && failure == null) {
			try {
				skipped = runScript(ctx);
			}
			catch (Exception e) {
				failure = e.getMessage() == null ? e.toString() : e.getMessage();
			}
		}
		if (skipped != null) {
			return Result.skipped(name, skipped);
		}
		if (failure != null) {
			throw new BenchException(failure);
		}
		if (output.has("error")) {
			throw new BenchException(output.get("error").asText());
		}
		var w = output.path("workloads").path(name);
		if (w.has("error")) {
			throw new BenchException(w.get("error").asText());
		}
		var r = new Result(name);
		var figures = new double[w.path("figures").size()];
		for (int i = 0; i < figures.length; i++) {
			figures[i] = w.path("figures").get(i).asDouble();
		}
		if (figures.length == 0) {
			throw new BenchException(name + ": the browser script measured nothing");
		}
		r.figures(figures);
		r.unit = w.path("unit").asText();
		r.higherIsBetter = name.equals("ui-table-scroll");
		r.target = switch (name) {
			case "ui-table-first-paint", "ui-report-open" -> 1000.0;
			case "ui-table-sort-filter", "ui-chart-100x10k" -> 300.0;
			case "ui-chart-zoom" -> 150.0;
			default -> 50.0;
		};
		var details = Http.JSON.convertValue(w.path("details"), Map.class);
		@SuppressWarnings("unchecked")
		Map<String, Object> d = details;
		r.details.putAll(d);
		r.details.put("warmup", Http.JSON.convertValue(w.path("warmup"), List.class));
		r.details.put("perIteration", Http.JSON.convertValue(w.path("perIteration"), List.class));
		r.details.put("browser", output.path("browser").asText());
		r.note = note(ctx, name, w.path("details"));
		r.judge();
		return r;
	}

	private static String note(Ctx ctx, String name, JsonNode d) {
		var quick = ctx.quick ? " (QUICK: the 5k-run data set)" : "";
		return switch (name) {
			case "ui-table-first-paint" -> String.format("%,d runs%s; navigation → first rows painted, cold document",
					d.path("total").asLong(), quick);
			case "ui-table-sort-filter" -> String.format("input → repainted, the slower of sort (median %.0f ms, its"
					+ " search request %.0f) and filter (%.0f ms, request %.0f)%s",
					d.path("sortMs").path("median").asDouble(), d.path("sortRequestMs").asDouble(),
					d.path("filterMs").path("median").asDouble(), d.path("filterRequestMs").asDouble(), quick);
			case "ui-table-scroll" -> String.format("%,d rows an iteration at %,d px/s; p95 frame %.1f ms, %d frames"
					+ " over 50 ms in all%s", d.path("rowsPerIteration").asInt(), d.path("pxPerSecond").asInt(),
					d.path("p95FrameMs").asDouble(), d.path("longFramesOver50Ms").asInt(), quick);
			case "ui-chart-100x10k" -> String.format("100 runs × %s points; request start → drawn (request %.0f ms,"
					+ " then %.0f ms to drawn), cold document", ctx.quick ? "2k (QUICK; full size is 10k)" : "10k",
					d.path("requestMs").asDouble(), d.path("drawMs").asDouble());
			case "ui-report-open" -> String.format("%d line charts × %d runs; navigation → report:drawn, cold document,"
					+ " the slower of signed in (median %.0f ms, its /data %.0f) and via the share link with no sign-in"
					+ " (%.0f ms, /data %.0f)", d.path("panels").asInt(), d.path("runsPerPanel").asInt(),
					d.path("signedInMs").path("median").asDouble(), d.path("signedInDataMs").asDouble(),
					d.path("sharedMs").path("median").asDouble(), d.path("sharedDataMs").asDouble());
			default -> String.format("drag released → finer buckets drawn (request %.0f ms)",
					d.path("requestMs").asDouble());
		};
	}

	/** Prepares the data, runs the browser script; returns why the ui workloads are skipped, or null. */
	private static String runScript(Ctx ctx) throws Exception {
		var selected = NAMES.stream().filter(n -> ctx.only == null || ctx.only.contains(n)).toList();
		var web = ctx.webDir.toAbsolutePath();
		var script = web.resolve("bench/ui-bench.mjs");
		var chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
		if (!Files.exists(script)) {
			return "no " + script;
		}
		if (!Files.isDirectory(web.resolve("node_modules/playwright-core"))) {
			return "web-frontend/node_modules is not installed (cd web-frontend && npm ci)";
		}
		if (!Files.isExecutable(chromium)) {
			return "no Chromium at " + chromium;
		}
		var config = Http.JSON.createObjectNode();
		config.putPOJO("workloads", selected);
		config.put("quick", ctx.quick);
		config.put("warmups", 1);
		config.put("iterations", 3);
		var scroll = config.putObject("scroll");
		scroll.put("warmupRows", ctx.quick ? 100 : 1_000);
		scroll.put("rowsPerIteration", ctx.quick ? 300 : 6_000);
		scroll.put("pxPerSecond", 8_000);
		if (selected.stream().anyMatch(n -> n.startsWith("ui-table"))) {
			var set = RunSearchBench.dataSet(ctx);
			if (set == null) {
				return "the run search endpoint is not available (HTTP 404)";
			}
			var table = config.putObject("table");
			table.put("projectId", set.projectId());
			table.put("runs", set.runs());
		}
		if (selected.stream().anyMatch(n -> n.startsWith("ui-chart"))) {
			var chart = config.putObject("chart");
			chart.put("projectId", chartProject(ctx, chart.putArray("runIds"), points(ctx)));
			chart.put("pointsPerRun", points(ctx));
		}
		if (selected.contains("ui-report-open")) {
			var prepared = ReportLoad.prepare(ctx, "ui-report-open");
			var link = ctx.member.postOk("/api/v1/reports/" + prepared.reportId() + "/share-links", "{}");
			var report = config.putObject("report");
			report.put("reportId", prepared.reportId());
			report.put("sharedPath", "/shared/" + link.get("token").asText());
			report.put("panels", ReportLoad.PANELS);
			report.put("runs", ReportLoad.RUNS);
		}
		var configFile = ctx.outDir.resolve("ui-bench-config.json");
		var outFile = ctx.outDir.resolve("ui-bench.json").toAbsolutePath();
		Files.deleteIfExists(outFile);
		Files.writeString(configFile, Http.JSON.writeValueAsString(config));
		var command = new ArrayList<>(List.of("node", script.toString(), "--config=" + configFile.toAbsolutePath(),
				"--out=" + outFile));
		NativeIngest.log("ui: %s in headless Chromium (%s)", String.join(", ", selected), String.join(" ", command));
		var builder = new ProcessBuilder(command).directory(web.toFile()).redirectErrorStream(false)
			.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().put("RUNLEDGER_URL", ctx.baseUrl);
		builder.environment().put("RUNLEDGER_HOME", ctx.devFile.toAbsolutePath().getParent().toString());
		Process process;
		try {
			process = builder.start();
		}
		catch (java.io.IOException e) {
			return "cannot start node: " + e.getMessage();
		}
		if (!process.waitFor(ctx.quick ? 10 : 30, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new BenchException("the ui bench script did not finish in time");
		}
		if (process.exitValue() != 0 || !Files.exists(outFile)) {
			throw new BenchException("the ui bench script exited with " + process.exitValue());
		}
		output = Http.JSON.readTree(outFile.toFile());
		return null;
	}

	/** A scratch project of 100 runs with one metric (loss) of `points` realistic points each. */
	private static String chartProject(Ctx ctx, ArrayNode ids, int points) throws Exception {
		var project = ctx.scratchProject("ui-charts");
		var runIds = ctx.startRuns(project, "chart", CHART_RUNS);
		var bodies = new byte[CHART_RUNS][];
		for (int r = 0; r < CHART_RUNS; r++) {
			bodies[r] = Curves.body(null, Curves.run(9000 + r, List.of("loss"), points), 0, points);
		}
		NativeIngest.log("ui: ingesting %d runs × %,d points for the charts", CHART_RUNS, points);
		Timed.run(4, CHART_RUNS, 600, (t, r) -> ctx.ingest(runIds[r], bodies[r], points));
		for (var id : runIds) {
			ids.add(id);
		}
		return project;
	}
}
