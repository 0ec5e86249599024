package io.runledger.api.tracking;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.codec.ChunkCodec;
import io.runledger.metering.BudgetGuard;
import io.runledger.metering.Meter;
import io.runledger.metering.UsageRecorder;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.TenantTransactions;

/**
 * The ingestion write path. One transaction per batch: the batch id (if any) is claimed first, so a retried batch
 * is applied exactly once; points are sorted, cut into chunks of at most {@link ChunkCodec#MAX_POINTS}, encoded, and
 * inserted with one batched statement; series summaries are updated in series-id order so that concurrent writers
 * to the same run always lock rows in the same order and cannot deadlock. The batch is acknowledged only after
 * commit.
 */
@Component
public class MetricWriter {

	/** Chunks smaller than this are merged by the compactor once a series has collected enough of them. */
	static final int SMALL_CHUNK = 1024;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TenantTransactions tx;

	private final Runs runs;

	private final MetricAliases aliases;

	private final Clock clock;

	private final UsageRecorder usage;

	private final BudgetGuard budgets;

	MetricWriter(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TenantTransactions tx, Runs runs, MetricAliases aliases,
			Clock clock, UsageRecorder usage, BudgetGuard budgets) {
		this.usage = usage;
		this.budgets = budgets;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.tx = tx;
		this.runs = runs;
		this.aliases = aliases;
		this.clock = clock;
	}

	public record Result(long points, int series, boolean duplicate) {
	}

	/** Stores every point of the batch (the native API: a point logged twice is two points). */
	public Result write(OrgId orgId, RunId runId, MetricBatch batch) {
		return write(orgId, runId, batch, false);
	}

	/**
	 * Stores the points of the batch that the series does not hold yet, as MLflow's SQL store does: its primary key
	 * (key, timestamp, step, run, value) keeps an exact repeat once, whether it comes in the same request or a later
	 * one. Only repeats are dropped, and only they go unmetered. Costs one range query per batch, usually answered from
	 * the index alone: stored chunks are decoded only when their step and timestamp ranges overlap the new points'.
	 */
	public Result writeDistinct(OrgId orgId, RunId runId, MetricBatch batch) {
		return write(orgId, runId, batch, true);
	}

	private Result write(OrgId orgId, RunId runId, MetricBatch batch, boolean distinct) {
		for (var series : batch.series()) {
			series.sort();
		}
		var encodedUpFront = distinct ? null : encode(batch.series());
		return tx.write(orgId, () -> {
			var run = runs.forWrite(orgId, runId);
			runs.touch(orgId, runId);
			if (batch.batchId() != null && !claim(orgId, runId, batch)) {
				return new Result(batch.pointCount(), batch.series().size(), true);
			}
			if (batch.series().isEmpty()) {
				return new Result(0, 0, false);
			}
			// After the duplicate check: a retry of a stored batch still answers, even under a reached cap. Metric
			// writes add points and, being heartbeats, tracked time.
			budgets.requireWritable(orgId, run.projectId(), Meter.DATA_POINTS, Meter.TRACKED_HOURS);
			var seriesIds = seriesIds(orgId, run, batch.series());
			var series = distinct ? StoredPoints.withoutStored(jdbc, orgId, seriesIds, batch.series()) : batch.series();
			var encoded = distinct ? encode(series) : encodedUpFront;
			long points = 0;
			for (var s : series) {
				points += s.size;
			}
			if (points > 0) {
				insertChunks(orgId, seriesIds, encoded);
				updateSummaries(orgId, seriesIds, series, encoded);
				// Same transaction as the points: usage exists exactly when the points do.
				usage.record(orgId, batch.batchId() == null ? UsageRecorder.uniqueEventId("points:" + runId)
						: "points:" + runId + ":" + batch.batchId(), Meter.DATA_POINTS, run.projectId(), runId,
						java.math.BigDecimal.valueOf(points));
			}
			return new Result(points, series.size(), false);
		});
	}

	private boolean claim(OrgId orgId, RunId runId, MetricBatch batch) {
		return jdbc.sql("""
				insert into ingest_batches (org_id, run_id, batch_id, received_at, points) values (?, ?, ?, ?, ?)
				on conflict (org_id, run_id, batch_id) do nothing""")
			.params(orgId.value(), runId.value(), batch.batchId(), java.sql.Timestamp.from(clock.instant()),
					batch.pointCount())
			.update() == 1;
	}

	/** Creates missing series (with their display key after aliases) and returns key → series id. */
	private Map<String, Long> seriesIds(OrgId orgId, Run run, List<SeriesPoints> series) {
		var keys = series.stream().map(s -> s.key).sorted().toArray(String[]::new);
		var displayKeys = aliases.displayKeys(orgId, run.projectId(), run.id(), keys);
		jdbc.sql("""
				insert into metric_series (org_id, project_id, run_id, key, display_key)
				select ?, ?, ?, k, d from unnest(?::text[], ?::text[]) as s(k, d)
				on conflict (org_id, run_id, key) do nothing""")
			.params(orgId.value(), run.projectId().value(), run.id().value(), keys, displayKeys)
			.update();
		var ids = new HashMap<String, Long>();
		jdbc.sql("select key, series_id from metric_series where org_id = ? and run_id = ? and key = any(?)")
			.params(orgId.value(), run.id().value(), keys)
			.query(rs -> {
				ids.put(rs.getString(1), rs.getLong(2));
			});
		return ids;
	}

	record EncodedChunk(String key, long firstStep, long lastStep, long firstTs, long lastTs, int count,
			Double min, Double max, byte[] data) {
	}

	static Map<String, List<EncodedChunk>> encode(List<SeriesPoints> series) {
		var result = new HashMap<String, List<EncodedChunk>>();
		for (var s : series) {
			var chunks = new ArrayList<EncodedChunk>();
			for (int from = 0; from < s.size; from += ChunkCodec.MAX_POINTS) {
				int to = Math.min(s.size, from + ChunkCodec.MAX_POINTS);
				long minTs = Long.MAX_VALUE;
				long maxTs = Long.MIN_VALUE;
				double min = Double.NaN;
				double max = Double.NaN;
				for (int i = from; i < to; i++) {
					minTs = Math.min(minTs, s.timestamps[i]);
					maxTs = Math.max(maxTs, s.timestamps[i]);
					double v = s.values[i];
					if (!Double.isNaN(v)) {
						min = Double.isNaN(min) ? v : Math.min(min, v);
						max = Double.isNaN(max) ? v : Math.max(max, v);
					}
				}
				chunks.add(new EncodedChunk(s.key, s.steps[from], s.steps[to - 1], minTs, maxTs, to - from,
						Double.isNaN(min) ? null : min, Double.isNaN(max) ? null : max,
						ChunkCodec.encode(s.steps, s.timestamps, s.values, from, to)));
			}
			result.put(s.key, chunks);
		}
		return result;
	}

	private void insertChunks(OrgId orgId, Map<String, Long> seriesIds, Map<String, List<EncodedChunk>> encoded) {
		var all = encoded.values().stream().flatMap(List::stream).toList();
		insertChunks(jdbcTemplate, orgId, all, chunk -> seriesIds.get(chunk.key()));
	}

	/** One batched round trip for all chunks (the driver rewrites it into multi-row inserts). */
	static void insertChunks(JdbcTemplate jdbc, OrgId orgId, List<EncodedChunk> chunks,
			ToLongFunction<EncodedChunk> seriesId) {
		UUID org = orgId.value();
		jdbc.batchUpdate("""
				insert into metric_chunks (org_id, series_id, first_step, last_step, first_ts, last_ts, point_count,
				                           min_value, max_value, data)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", chunks, 1000, (PreparedStatement ps, EncodedChunk c) -> {
			ps.setObject(1, org);
			ps.setLong(2, seriesId.applyAsLong(c));
			ps.setLong(3, c.firstStep());
			ps.setLong(4, c.lastStep());
			ps.setLong(5, c.firstTs());
			ps.setLong(6, c.lastTs());
			ps.setInt(7, c.count());
			setDouble(ps, 8, c.min());
			setDouble(ps, 9, c.max());
			ps.setBytes(10, c.data());
		});
	}

	/**
	 * The summary keeps the point with the highest (step, timestamp) as "last", so out-of-order arrivals never move
	 * it backwards. NaN never becomes a min or max (it is not comparable); infinities do.
	 */
	private void updateSummaries(OrgId orgId, Map<String, Long> seriesIds, List<SeriesPoints> series,
			Map<String, List<EncodedChunk>> encoded) {
		var ordered = new ArrayList<>(series);
		ordered.sort(Comparator.comparingLong(s -> seriesIds.get(s.key)));
		UUID org = orgId.value();
		jdbcTemplate.batchUpdate("""
				update metric_series set
				    point_count = point_count + ?,
				    first_step = least(first_step, ?),
				    max_step = greatest(max_step, ?),
				    last_value = case when last_step is null or (?, ?) >= (last_step, last_ts) then ? else last_value end,
				    last_ts = case when last_step is null or (?, ?) >= (last_step, last_ts) then ? else last_ts end,
				    last_step = case when last_step is null or (?, ?) >= (last_step, last_ts) then ? else last_step end,
				    min_value = least(min_value, ?),
				    max_value = greatest(max_value, ?),
				    small_chunks = small_chunks + ?,
				    change_seq = nextval('metric_change_seq')
				where org_id = ? and series_id = ?""", ordered, 1000, (PreparedStatement ps, SeriesPoints s) -> {
			int last = s.size - 1;
			long lastStep = s.steps[last];
			long lastTs = s.timestamps[last];
			var chunks = encoded.get(s.key);
			Double min = null;
			Double max = null;
			int small = 0;
			for (var c : chunks) {
				// Plain ifs on purpose: a Double/double conditional expression would unbox a null and throw.
				if (c.min() != null) {
					min = min == null ? c.min() : Double.valueOf(Math.min(min, c.min()));
				}
				if (c.max() != null) {
					max = max == null ? c.max() : Double.valueOf(Math.max(max, c.max()));
				}
				small += c.count() < SMALL_CHUNK ? 1 : 0;
			}
			ps.setLong(1, s.size);
			ps.setLong(2, s.steps[0]);
			ps.setLong(3, lastStep);
			for (int i = 0; i < 3; i++) {
				ps.setLong(4 + i * 3, lastStep);
				ps.setLong(5 + i * 3, lastTs);
			}
			ps.setDouble(6, s.values[last]);
			ps.setLong(9, lastTs);
			ps.setLong(12, lastStep);
			setDouble(ps, 13, min);
			setDouble(ps, 14, max);
			ps.setInt(15, small);
			ps.setObject(16, org);
			ps.setLong(17, seriesIds.get(s.key));
		});
	}

	private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.DOUBLE);
		}
		else {
			ps.setDouble(index, value);
		}
	}
}
