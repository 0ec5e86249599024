package io.runledger.api.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.RunId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@Tag(name = "Metrics")
class MetricsController {

	private final MetricWriter writer;

	private final SeriesReader reader;

	private final SeriesQueries queries;

	private final Clock clock;

	MetricsController(MetricWriter writer, SeriesReader reader, SeriesQueries queries, Clock clock) {
		this.writer = writer;
		this.reader = reader;
		this.queries = queries;
		this.clock = clock;
	}

	record IngestResult(long points, int series, boolean duplicate) {
	}

	/**
	 * The columnar batch as clients send it. Only documents the body: {@link MetricBatchParser} streams it into
	 * primitive arrays without binding this type (no tree, no boxing).
	 */
	@Schema(name = "MetricBatch")
	record IngestBatch(@Schema(description = "idempotency key: a retried batch is applied once per run") String batchId,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<IngestSeries> series) {
	}

	@Schema(name = "MetricBatchSeries", description = "One series; steps, timestamps and values have equal lengths")
	record IngestSeries(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 250) String key,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Long> steps,
			@Schema(description = "epoch milliseconds; defaults to the time of receipt") List<Long> timestamps,
			@ArraySchema(arraySchema = @Schema(description = "numbers, or the strings NaN, Infinity, -Infinity"),
					schema = @Schema(oneOf = { Double.class, String.class })) @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Object> values) {
	}

	// No "consumes": a batch is read raw whatever type the client declares (RawRequestBodyTests); the document
	// names application/json through the request body annotation below.
	@PostMapping("/api/v1/runs/{runId}/metrics")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Log a batch of metric points in columnar form; acknowledged only once durably stored",
			description = """
					Body: {"batchId": "optional idempotency key", "series": [{"key": "loss", "steps": [0, 1],
					"timestamps": [1700000000000, 1700000000100], "values": [0.9, 0.8]}]}. Values may be NaN, Infinity
					or -Infinity (as strings or bare tokens). Retrying a batch with the same batchId applies it once
					(the answer says duplicate: true). Limits: 128 MiB body (gzip allowed), 5M points, 10k series,
					keys up to 250 characters.""",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = IngestBatch.class))))
	@ResponseStatus(HttpStatus.OK)
	IngestResult ingest(CallerIdentity caller, @PathVariable String runId, HttpServletRequest request)
			throws IOException {
		var id = RunId.parse(runId);
		InputStream body = request.getInputStream();
		var encoding = request.getHeader("Content-Encoding");
		if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
			body = new GZIPInputStream(body, 64 * 1024);
		}
		else if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
			throw new InvalidRequestException("Content-Encoding '" + encoding + "' is not supported; use gzip");
		}
		var batch = MetricBatchParser.parse(body, clock.millis());
		var result = writer.write(caller.orgId(), id, batch);
		return new IngestResult(result.points(), result.series(), result.duplicate());
	}

	@GetMapping("/api/v1/runs/{runId}/metrics")
	@Requires(Permission.READ)
	@Operation(summary = "The run's metric series with their summaries (last, min, max, count), by key "
			+ "(cursor-paginated)")
	Page<RunsController.MetricSummary> list(CallerIdentity caller, @PathVariable String runId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return reader.seriesOf(caller.orgId(), RunId.parse(runId), PageRequest.of(limit, cursor))
			.map(RunsController.MetricSummary::of);
	}

	record Changes(long cursor, List<RunsController.MetricSummary> changed) {
	}

	@GetMapping("/api/v1/runs/{runId}/metrics/changes")
	@Requires(Permission.READ)
	@Operation(summary = "Series that received points after the given cursor (live charts poll this cheaply)")
	Changes changes(CallerIdentity caller, @PathVariable String runId,
			@RequestParam(defaultValue = "0") long after) {
		var changed = reader.changedSince(caller.orgId(), RunId.parse(runId), after);
		long cursor = changed.stream().mapToLong(SeriesReader.SeriesInfo::changeSeq).max().orElse(after);
		return new Changes(cursor, changed.stream().map(RunsController.MetricSummary::of).toList());
	}

	record PointsPage(String key, long[] steps, long[] timestamps, double[] values, String nextCursor) {
	}

	@GetMapping("/api/v1/runs/{runId}/points")
	@Requires(Permission.READ)
	@Operation(summary = "Raw points of one series in (step, timestamp) order, paged with a cursor")
	PointsPage points(CallerIdentity caller, @PathVariable String runId, @RequestParam String key,
			@RequestParam(required = false) Long minStep, @RequestParam(required = false) Long maxStep,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		int pageSize = limit == null ? 10_000 : limit;
		if (pageSize < 1 || pageSize > 100_000) {
			throw new InvalidRequestException("limit must be between 1 and 100000");
		}
		var id = RunId.parse(runId);
		var after = PointCursor.decode(cursor);
		long lo = Math.max(minStep == null ? Long.MIN_VALUE : minStep, after == null ? Long.MIN_VALUE : after.step());
		long hi = maxStep == null ? Long.MAX_VALUE : maxStep;
		var infos = reader.resolve(caller.orgId(), List.of(id), List.of(key));
		if (infos.isEmpty() || lo > hi) {
			return new PointsPage(key, new long[0], new long[0], new double[0], null);
		}
		var c = reader.load(caller.orgId(), infos, lo, hi).get(infos.getFirst().seriesId());
		int from = after == null ? 0 : after.skip(c);
		int to = Math.min(c.size(), from + pageSize);
		String next = to < c.size() ? PointCursor.after(c, to - 1) : null;
		return new PointsPage(key, Arrays.copyOfRange(c.steps(), from, to),
				Arrays.copyOfRange(c.timestamps(), from, to), Arrays.copyOfRange(c.values(), from, to), next);
	}

	record QueryBody(List<String> runIds, List<String> keys, String xAxis, String mode, Integer points,
			Double smoothing, Long minStep, Long maxStep, Double xMin, Double xMax,
			@Schema(description = "Which arrays to return (default: all of the mode's). BUCKETS: start, end, count,"
					+ " min, max, first, last, mean; RAW and LTTB: x, y, steps, timestamps. A chart drawing mean"
					+ " lines needs only count and mean: the bucket edges follow from the answer's from and to.")
			List<String> fields) {
	}

	record QuerySeries(String runId, String key, long pointCount, double[] x, double[] y, long[] steps,
			long[] timestamps, QueryBuckets buckets) {
	}

	@Schema(name = "SeriesBuckets", description = "Equal-width buckets over [from, to]: bucket i spans from + i·w to"
			+ " from + (i+1)·w with w = (to − from) / n; arrays not asked for in fields are absent")
	record QueryBuckets(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) int n,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) double from,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) double to, double[] start, double[] end,
			long[] count, double[] min, double[] max, double[] first, double[] last, double[] mean) {
	}

	record QueryAnswer(String xAxis, String mode, List<QuerySeries> series) {
	}

	@PostMapping("/api/v1/series/query")
	@Requires(Permission.READ)
	@Operation(summary = "Chart data for runs × metric keys: raw, min/max bucket envelopes, or LTTB",
			description = """
					xAxis: step (default), timestamp (epoch ms), relative (ms since run start) or metric:<key>
					(metric-vs-metric, aligned by step). mode: BUCKETS (default; count/min/max/first/last/mean per
					bucket), LTTB or RAW (at most 200k points per query). points: buckets or samples (default 1000).
					smoothing: EMA weight in [0, 1), applied to full-resolution points before reduction.""")
	QueryAnswer query(CallerIdentity caller, @RequestBody QueryBody body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		var mode = body.mode() == null ? SeriesQueries.Mode.BUCKETS : mode(body.mode());
		var runIds = body.runIds() == null ? null : body.runIds().stream().map(RunId::parse).toList();
		var q = new SeriesQueries.Query(runIds, body.keys(), body.xAxis(), mode,
				body.points() == null ? 1000 : body.points(), body.smoothing(),
				body.minStep() == null ? Long.MIN_VALUE : body.minStep(),
				body.maxStep() == null ? Long.MAX_VALUE : body.maxStep(), body.xMin(), body.xMax());
		var fields = SeriesFields.of(mode, body.fields());
		var results = queries.query(caller.orgId(), q);
		return new QueryAnswer(q.xAxis(), mode.name(), results.stream().map(r -> answer(r, fields)).toList());
	}

	/** Only the arrays asked for: serialising 8 arrays of 100 series was most of a chart query's time. */
	private static QuerySeries answer(SeriesQueries.Result r, SeriesFields f) {
		var b = r.buckets();
		QueryBuckets buckets = null;
		if (b != null) {
			int n = b.start().length;
			buckets = new QueryBuckets(n, n == 0 ? 0 : b.start()[0], n == 0 ? 0 : b.end()[n - 1],
					f.has("start") ? b.start() : null, f.has("end") ? b.end() : null,
					f.has("count") ? b.count() : null, f.has("min") ? b.min() : null, f.has("max") ? b.max() : null,
					f.has("first") ? b.first() : null, f.has("last") ? b.last() : null,
					f.has("mean") ? b.mean() : null);
		}
		return new QuerySeries(r.runId().toString(), r.key(), r.pointCount(), f.has("x") ? r.x() : null,
				f.has("y") ? r.y() : null, f.has("steps") ? r.steps() : null,
				f.has("timestamps") ? r.timestamps() : null, buckets);
	}

	private static SeriesQueries.Mode mode(String text) {
		try {
			return SeriesQueries.Mode.valueOf(text.toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException("mode must be RAW, BUCKETS or LTTB");
		}
	}
}
