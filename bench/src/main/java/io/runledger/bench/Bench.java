package io.runledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * make bench: runs every workload against the running app (base URL and API keys from .runledger/dev.json), writes
 * bench/results/latest.json and appends a table to bench/RESULTS.md. Exits 1 when a workload failed (an error, not
 * a missed target).
 */
public final class Bench {

	interface Workload {
		Result run(Ctx ctx) throws Exception;
	}

	record Entry(String name, Workload workload) {
	}

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		var options = options(args);
		boolean quick = options.containsKey("quick");
		var devFile = Path.of(options.getOrDefault("dev-file", ".runledger/dev.json"));
		var out = Path.of(options.getOrDefault("out", "bench/results"));
		var md = Path.of(options.getOrDefault("results-md", "bench/RESULTS.md"));
		long appPid = Long.parseLong(options.getOrDefault("app-pid", "0"));
		var only = options.containsKey("only") ? Set.of(options.get("only").split(",")) : null;
		var dev = Http.JSON.readTree(devFile.toFile());
		var baseUrl = options.getOrDefault("base-url", dev.get("baseUrl").asText());
		var org = dev.get("orgs").get(0);
		var keys = org.get("apiKeys");
		var member = new Http(baseUrl, keys.get("member").asText(), Duration.ofSeconds(300));
		var owner = new Http(baseUrl, keys.get("owner").asText(), Duration.ofSeconds(600));
		var now = ZonedDateTime.now(ZoneOffset.UTC);
		var stamp = now.format(DateTimeFormatter.ofPattern("yyyyMMdd't'HHmmss", Locale.ROOT)) + (quick ? "q" : "");
		Files.createDirectories(out);
		var ctx = new Ctx(quick, member, owner, appPid, out, options.containsKey("profile"),
				options.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/runledger"),
				options.getOrDefault("jdbc-user", "runledger_owner"),
				options.getOrDefault("jdbc-password", "runledger_owner"), stamp);
		ctx.unmetered = MeteringOverhead.client(options.get("unmetered-url"), keys.get("member").asText());
		ctx.metered = MeteringOverhead.client(options.get("metered-url"), keys.get("member").asText());
		ctx.only = only;
		ctx.baseUrl = baseUrl;
		ctx.devFile = devFile;
		ctx.webDir = Path.of(options.getOrDefault("web-dir", "web-frontend"));
		var dbName = ctx.jdbcUrl.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
		CpuMeter.DATABASE = dbName;
		var machine = CpuMeter.machine();
		var postgres = postgresSettings(ctx);
		NativeIngest.log("%s bench against %s (app pid %s), org %s, %s cores, load average %s",
				quick ? "QUICK" : "full", baseUrl, appPid > 0 ? appPid : "unknown", org.get("slug").asText(),
				machine.get("cores"), machine.get("loadAverageAtStart"));

		var workloads = new ArrayList<>(List.of(new Entry("native-ingest", NativeIngest::run),
				new Entry("mlflow-ingest", MlflowIngest::run),
				new Entry("small-writers", SmallWriters::run), new Entry("series-read-1m", SeriesReads::oneMillion),
				new Entry("series-overlay-100", SeriesReads::overlay),
				new Entry("run-search-100k", RunSearchBench::run),
				new Entry("report-load-20x100", ReportLoad::run),
				new Entry("storage-bytes-per-point", Storage::run),
				new Entry("artifact-upload", ArtifactThroughput::upload),
				new Entry("artifact-download", ArtifactThroughput::download),
				new Entry("metering-overhead", MeteringOverhead::run)));
		// The web UI in headless Chromium: one browser run measures all of them (UiBench)
		UiBench.NAMES.forEach(name -> workloads.add(new Entry(name, c -> UiBench.run(c, name))));
		var results = new ArrayList<Result>();
		boolean failed = false;
		long benchStart = System.nanoTime();
		for (var w : workloads) {
			if (only != null && !only.contains(w.name())) {
				continue;
			}
			long start = System.nanoTime();
			Result r;
			try {
				r = w.workload().run(ctx);
			}
			catch (Exception | OutOfMemoryError e) {
				failed = true;
				r = new Result(w.name());
				r.error = e.getMessage() == null ? e.toString() : e.getMessage();
				System.err.println("[bench] " + w.name() + " FAILED: " + r.error);
				e.printStackTrace();
			}
			if (r.skipped == null) {
				r.details.put("wallSeconds", Samples.round((System.nanoTime() - start) / 1e9));
			}
			else {
				NativeIngest.log("%s: skipped: %s", w.name(), r.skipped);
			}
			results.add(r);
		}
		for (var project : ctx.scratchProjects) {
			try {
				var a = owner.delete("/api/v1/projects/" + project);
				if (!a.ok()) {
					System.err.println("[bench] could not delete scratch project " + project + ": HTTP " + a.status());
				}
			}
			catch (RuntimeException e) {
				System.err.println("[bench] could not delete scratch project " + project + ": " + e.getMessage());
			}
		}
		double seconds = (System.nanoTime() - benchStart) / 1e9;

		var doc = Http.JSON.createObjectNode();
		doc.put("commit", options.getOrDefault("commit", "unknown"));
		doc.put("date", now.format(DateTimeFormatter.ISO_INSTANT));
		doc.put("mode", quick ? "quick" : "full");
		doc.set("machine", Http.JSON.valueToTree(machine));
		doc.set("postgres", Http.JSON.valueToTree(postgres));
		doc.put("baseUrl", baseUrl);
		doc.put("durationSeconds", Math.round(seconds));
		doc.put("rateLimitsEnforced", member.rateLimited);
		doc.put("throttledRequests", member.throttled.get());
		var array = doc.putArray("workloads");
		results.forEach(r -> array.add(r.toJson()));
		Files.writeString(out.resolve("latest.json"),
				Http.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n");
		var table = table(doc.get("commit").asText(), now, quick, machine, postgres, results, seconds, member);
		Files.writeString(md, (Files.exists(md) ? "" : "# Benchmark results\n\nAppended by `make bench` (see README.md)."
				+ " Figures are min / median / max over the measured iterations.\n") + "\n" + table,
				StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		System.out.println();
		System.out.println(table);
		NativeIngest.log("wrote %s and appended to %s (%.0f s)", out.resolve("latest.json"), md, seconds);
		if (member.rateLimited) {
			System.err.println("[bench] WARNING: the app enforces rate limits (" + member.throttled.get()
					+ " requests throttled and retried); start it with RUNLEDGER_RATELIMITS_ENABLED=false for engine figures");
		}
		System.exit(failed ? 1 : 0);
	}

	static String table(String commit, ZonedDateTime now, boolean quick, Map<String, Object> machine,
			Map<String, Object> postgres, List<Result> results, double seconds, Http member) {
		var sb = new StringBuilder();
		sb.append("## ").append(now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)))
			.append(" · commit ").append(commit).append(" · ").append(quick ? "QUICK" : "full").append(" · ")
			.append(machine.get("cores")).append(" cores, ").append(machine.get("memoryGiB")).append(" GiB")
			.append(" · load average at start ").append(machine.get("loadAverageAtStart")).append(" · ")
			.append(Math.round(seconds)).append(" s\n\n");
		sb.append("PostgreSQL ").append(postgres.getOrDefault("server_version", "?")).append(" (");
		var settings = new ArrayList<String>();
		postgres.forEach((k, v) -> {
			if (!k.equals("server_version")) {
				settings.add(k + "=" + v);
			}
		});
		sb.append(String.join(", ", settings)).append("); app heap 1 GiB; client, app and PostgreSQL share the machine.\n\n");
		if (member.rateLimited) {
			sb.append("Rate limits were enforced: ").append(member.throttled.get())
				.append(" requests were throttled and retried.\n\n");
		}
		sb.append("| workload | unit | min | median | max | baseline (median) | ratio | target | met | peak RSS MiB | notes |\n");
		sb.append("|---|---|--:|--:|--:|---|--:|---|---|--:|---|\n");
		for (var r : results) {
			if (r.skipped != null) {
				sb.append("| ").append(r.name).append(" | | | | | | | | | | skipped: ").append(r.skipped).append(" |\n");
				continue;
			}
			if (r.error != null && Double.isNaN(r.median)) {
				sb.append("| ").append(r.name).append(" | | | | | | | | **error** | | ")
					.append(r.error.replace('|', '/').replace('\n', ' ')).append(" |\n");
				continue;
			}
			sb.append("| ").append(r.name).append(" | ").append(r.unit).append(" | ").append(fmt(r.min)).append(" | ")
				.append(fmt(r.median)).append(" | ").append(fmt(r.max)).append(" | ")
				.append(r.baselineName == null ? "" : r.baselineName + " " + fmt(r.baselineMedian)).append(" | ")
				.append(Double.isNaN(r.ratio) ? "" : String.format(Locale.ROOT, "%.2f", r.ratio)).append(" | ")
				.append(target(r)).append(" | ").append(r.met == null ? "" : r.met ? "yes" : "**no**").append(" | ")
				.append(fmt(r.peakRssMiB)).append(" | ").append(r.note == null ? "" : r.note).append(" |\n");
			sub(sb, r);
		}
		return sb.toString();
	}

	@SuppressWarnings("unchecked")
	private static void sub(StringBuilder sb, Result r) {
		if (!r.name.equals("native-ingest")) {
			return;
		}
		for (var row : (List<Map<String, Object>>) r.details.getOrDefault("byWriters", List.of())) {
			var cpu = (Map<String, Object>) row.get("cpu");
			sb.append("| ↳ ").append(row.get("writers")).append(((Number) row.get("writers")).intValue() == 1 ? " writer" : " writers").append(" | points/s | ").append(fmt(row.get("min")))
				.append(" | ").append(fmt(row.get("median"))).append(" | ").append(fmt(row.get("max")))
				.append(" | | | | | | CPU s app/PG/client/other: ").append(cpu.get("appCpuSeconds")).append('/')
				.append(cpu.get("postgresCpuSeconds")).append('/').append(cpu.get("clientCpuSeconds")).append('/')
				.append(cpu.get("otherCpuSeconds")).append(" in ").append(cpu.get("wallSeconds")).append(" s |\n");
		}
		var baselines = (Map<String, Map<String, Object>>) r.details.getOrDefault("baselines", Map.of());
		baselines.forEach((name, b) -> {
			sb.append("| ↳ baseline ").append(name).append(" | points/s | ").append(fmt(b.get("min"))).append(" | ")
				.append(fmt(b.get("median"))).append(" | ").append(fmt(b.get("max"))).append(" | | | | | | best of ");
			var parts = new ArrayList<String>();
			for (var row : (List<Map<String, Object>>) b.get("byConnections")) {
				parts.add(row.get("connections") + " conn: " + fmt(row.get("median")));
			}
			sb.append(String.join(", ", parts)).append("; ").append(fmt(b.get("rows"))).append(" rows |\n");
		});
	}

	private static String target(Result r) {
		if (r.target == null) {
			return r.name.equals("small-writers") ? "no errors" : "";
		}
		var ratio = r.targetRatio == null ? "" : "≥ " + java.math.BigDecimal.valueOf(r.targetRatio).stripTrailingZeros()
			.toPlainString() + "× baseline";
		if (r.target == 0.0 && !ratio.isEmpty()) {
			return ratio;
		}
		var t = (r.higherIsBetter ? "≥ " : "≤ ") + fmt(r.target) + (r.unit.equals("ms") ? " ms" : "");
		return ratio.isEmpty() ? t : t + " and " + ratio;
	}

	static String fmt(Object o) {
		if (o == null) {
			return "";
		}
		double v = ((Number) o).doubleValue();
		if (Double.isNaN(v)) {
			return "";
		}
		if (Math.abs(v) >= 1000) {
			return String.format(Locale.ROOT, "%,.0f", v);
		}
		if (Math.abs(v) >= 100) {
			return String.format(Locale.ROOT, "%.0f", v);
		}
		if (Math.abs(v) >= 10) {
			return String.format(Locale.ROOT, "%.1f", v);
		}
		return String.format(Locale.ROOT, "%.2f", v);
	}

	/** The PostgreSQL settings that move these figures. */
	static Map<String, Object> postgresSettings(Ctx ctx) {
		var m = new LinkedHashMap<String, Object>();
		try (var c = ctx.db(); var st = c.createStatement(); var rs = st.executeQuery("""
				select name, current_setting(name) from pg_settings where name in ('server_version', 'fsync',
				'synchronous_commit', 'shared_buffers', 'autovacuum', 'max_wal_size') order by name = 'server_version' desc, name""")) {
			while (rs.next()) {
				m.put(rs.getString(1), rs.getString(2));
			}
		}
		catch (java.sql.SQLException e) {
			m.put("error", e.getMessage());
		}
		return m;
	}

	private static Map<String, String> options(String[] args) {
		var m = new HashMap<String, String>();
		for (var a : args) {
			if (!a.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + a);
			}
			int eq = a.indexOf('=');
			if (eq < 0) {
				m.put(a.substring(2), "true");
			}
			else {
				m.put(a.substring(2, eq), a.substring(eq + 1));
			}
		}
		return new LinkedHashMap<>(m);
	}

}
