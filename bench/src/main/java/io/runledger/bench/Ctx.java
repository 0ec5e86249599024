package io.runledger.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

/** What every workload gets: the API as a member and as the owner, PostgreSQL as the schema owner, the options. */
final class Ctx {

	final boolean quick;

	final Http member;

	final Http owner;

	final long appPid;

	final Path outDir;

	final boolean profile;

	final String jdbcUrl;

	final String jdbcUser;

	final String jdbcPassword;

	final String stamp;

	/** Two fresh instances of the platform, metering on and off (metering-overhead), or null. */
	Http metered;

	Http unmetered;

	/** The workloads --only named, or null for all. */
	java.util.Set<String> only;

	/** For the ui-* workloads: the app's base URL, its dev file, and the web-frontend checkout with its node_modules. */
	String baseUrl;

	Path devFile;

	Path webDir;

	/** Projects made by this bench run, deleted at the end (the cached search data set is not among them). */
	final List<String> scratchProjects = new ArrayList<>();

	Ctx(boolean quick, Http member, Http owner, long appPid, Path outDir, boolean profile, String jdbcUrl,
			String jdbcUser, String jdbcPassword, String stamp) {
		this.quick = quick;
		this.member = member;
		this.owner = owner;
		this.appPid = appPid;
		this.outDir = outDir;
		this.profile = profile;
		this.jdbcUrl = jdbcUrl;
		this.jdbcUser = jdbcUser;
		this.jdbcPassword = jdbcPassword;
		this.stamp = stamp;
	}

	Connection db() throws SQLException {
		return DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
	}

	/** A fresh project for one workload of this bench run, so data sets never mix. */
	String scratchProject(String workload) {
		var slug = ("bench-" + stamp + "-" + workload).toLowerCase();
		var id = member.postOk("/api/v1/projects",
				"{\"slug\":" + Http.quote(slug) + ",\"name\":" + Http.quote("bench " + workload + " " + stamp) + "}")
			.get("id").asText();
		scratchProjects.add(id);
		return id;
	}

	/** The id of the project with this slug, or null. */
	String findProject(String slug) {
		String cursor = null;
		for (int page = 0; page < 100; page++) {
			JsonNode answer = member.getOk("/api/v1/projects?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
			for (var p : answer.get("items")) {
				if (slug.equals(p.get("slug").asText())) {
					return p.get("id").asText();
				}
			}
			var next = answer.get("nextCursor");
			if (next == null || next.isNull() || next.asText().isEmpty()) {
				return null;
			}
			cursor = java.net.URLEncoder.encode(next.asText(), java.nio.charset.StandardCharsets.UTF_8);
		}
		return null;
	}

	String startRun(String projectId, String name, String configJson) {
		var body = "{\"name\":" + Http.quote(name) + (configJson == null ? "" : ",\"config\":" + configJson) + "}";
		var a = member.post("/api/v1/projects/" + projectId + "/runs", body);
		if (a.status() != 201) {
			throw new BenchException("starting a run answered HTTP " + a.status() + ": " + a.text());
		}
		return a.json().get("id").asText();
	}

	/** Starts n runs with up to 8 requests in flight; returns their ids in order. */
	String[] startRuns(String projectId, String prefix, int n) {
		return parallel(8, n, i -> startRun(projectId, prefix + "-" + i, null)).toArray(String[]::new);
	}

	/** Ingests one pre-built body; checks the HTTP status and the point count the app acknowledged. */
	Http.Answer ingest(String runId, byte[] body, long expectedPoints) {
		var a = member.post("/api/v1/runs/" + runId + "/metrics", body);
		if (a.status() != 200) {
			throw new BenchException("ingest answered HTTP " + a.status() + ": " + a.text());
		}
		long points = a.json().get("points").asLong();
		if (expectedPoints >= 0 && points != expectedPoints) {
			throw new BenchException("ingest acknowledged " + points + " points, expected " + expectedPoints);
		}
		return a;
	}

	/** Runs task(0..n-1) on `threads` platform threads, in order of index, and returns the answers in order. */
	static <T> List<T> parallel(int threads, int n, IntFunction<T> task) {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			var futures = new ArrayList<Future<T>>(n);
			for (int i = 0; i < n; i++) {
				int index = i;
				futures.add(pool.submit(() -> task.apply(index)));
			}
			var out = new ArrayList<T>(n);
			for (var f : futures) {
				out.add(f.get(30, TimeUnit.MINUTES));
			}
			return out;
		}
		catch (java.util.concurrent.ExecutionException e) {
			throw e.getCause() instanceof BenchException b ? b : new BenchException(e.getCause().toString(), e.getCause());
		}
		catch (java.util.concurrent.TimeoutException e) {
			throw new BenchException("timed out");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BenchException("interrupted");
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Points stored for these runs, as the series summaries count them. */
	long pointsStored(String[] runIds) throws SQLException {
		try (var c = db(); var ps = c.prepareStatement(
				"select coalesce(sum(point_count), 0) from metric_series where run_id = any(?::uuid[])")) {
			ps.setArray(1, c.createArrayOf("uuid", java.util.Arrays.stream(runIds).map(UUID::fromString).toArray()));
			try (var rs = ps.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}
}
