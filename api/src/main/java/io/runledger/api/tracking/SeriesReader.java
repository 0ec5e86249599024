package io.runledger.api.tracking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.codec.ChunkCodec;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.TenantTransactions;

/**
 * The read path: finds series by run and display key, fetches the chunks overlapping a step range in one query,
 * and decodes them into sorted columns. Chunks of one series may overlap (out-of-order writes not yet compacted);
 * only then is a merge sort needed.
 */
@Component
public class SeriesReader {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Cores cores;

	SeriesReader(JdbcClient jdbc, TenantTransactions tx, Cores cores) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.cores = cores;
	}

	/** A series' identity and summary, as the runs table and charts need it. */
	public record SeriesInfo(long seriesId, RunId runId, String key, String displayKey, long pointCount, Long firstStep,
			Long maxStep, Long lastStep, Long lastTimestamp, Double lastValue, Double min, Double max, long changeSeq) {
	}

	/** Decoded points of one series, sorted by (step, timestamp). */
	public record Columns(long[] steps, long[] timestamps, double[] values, int size) {

		static final Columns EMPTY = new Columns(new long[0], new long[0], new double[0], 0);
	}

	public List<SeriesInfo> seriesOf(OrgId orgId, RunId runId) {
		return tx.read(orgId, () -> {
			requireRuns(orgId, List.of(runId));
			return jdbc.sql("select * from metric_series where org_id = ? and run_id = ? order by display_key")
				.params(orgId.value(), runId.value())
				.query((rs, row) -> info(rs))
				.list();
		});
	}

	/** A run's series by display key (then logged key), paged. */
	public Page<SeriesInfo> seriesOf(OrgId orgId, RunId runId, PageRequest page) {
		var after = page.cursorParts(2).orElse(List.of("", ""));
		return tx.read(orgId, () -> {
			requireRuns(orgId, List.of(runId));
			return Page.of(jdbc.sql("""
					select * from metric_series where org_id = ? and run_id = ? and (display_key, key) > (?, ?)
					order by display_key, key limit ?""")
				.params(orgId.value(), runId.value(), after.get(0), after.get(1), page.limit() + 1)
				.query((rs, row) -> info(rs))
				.list(), page.limit(), info -> PageRequest.key(info.displayKey(), info.key()));
		});
	}

	/** Series changed after {@code afterSeq} in one run: the cheap "anything new?" query behind live charts. */
	List<SeriesInfo> changedSince(OrgId orgId, RunId runId, long afterSeq) {
		return tx.read(orgId, () -> {
			requireRuns(orgId, List.of(runId));
			return jdbc.sql("""
					select * from metric_series where org_id = ? and run_id = ? and change_seq > ?
					order by change_seq""")
				.params(orgId.value(), runId.value(), afterSeq)
				.query((rs, row) -> info(rs))
				.list();
		});
	}

	/** Resolves (run, display key) pairs; runs must exist in the organisation, missing keys are simply absent. */
	public List<SeriesInfo> resolve(OrgId orgId, List<RunId> runIds, List<String> displayKeys) {
		return tx.read(orgId, () -> {
			requireRuns(orgId, runIds);
			var infos = jdbc.sql("""
					select * from metric_series where org_id = ? and run_id = any(?) and display_key = any(?)""")
				.params(orgId.value(), runIds.stream().map(RunId::value).toArray(UUID[]::new),
						displayKeys.toArray(String[]::new))
				.query((rs, row) -> info(rs))
				.list();
			// Preserve the caller's order: runs as given, keys as given.
			var order = new HashMap<String, Integer>();
			for (int r = 0; r < runIds.size(); r++) {
				for (int k = 0; k < displayKeys.size(); k++) {
					order.putIfAbsent(runIds.get(r) + "\n" + displayKeys.get(k), r * displayKeys.size() + k);
				}
			}
			var sorted = new ArrayList<>(infos);
			sorted.sort((a, b) -> Integer.compare(order.get(a.runId() + "\n" + a.displayKey()),
					order.get(b.runId() + "\n" + b.displayKey())));
			return sorted;
		});
	}

	/** Loads the points of many series in one round trip, limited to steps in [minStep, maxStep]. */
	public Map<Long, Columns> load(OrgId orgId, List<SeriesInfo> series, long minStep, long maxStep) {
		if (series.isEmpty()) {
			return Map.of();
		}
		var ids = series.stream().mapToLong(SeriesInfo::seriesId).boxed().toArray(Long[]::new);
		var chunks = new LinkedHashMap<Long, List<byte[]>>();
		var overlapping = new HashMap<Long, Boolean>();
		var lastSeen = new HashMap<Long, Long>();
		tx.read(orgId, () -> {
			jdbc.sql("""
					select series_id, first_step, last_step, data from metric_chunks
					where org_id = ? and series_id = any(?) and first_step <= ? and last_step >= ?
					order by series_id, first_step, chunk_id""")
				.params(orgId.value(), ids, maxStep, minStep)
				.query(rs -> {
					long id = rs.getLong(1);
					long first = rs.getLong(2);
					long last = rs.getLong(3);
					var previousLast = lastSeen.get(id);
					if (previousLast != null && first <= previousLast) {
						overlapping.put(id, true);
					}
					lastSeen.put(id, previousLast == null ? last : Math.max(previousLast, last));
					chunks.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getBytes(4));
				});
			return null;
		});
		// Every chunk decodes into its own slice of its series' columns (at offsets from the chunk headers), so all
		// chunks of all series decode in parallel: 100 runs × 10k points spread over the cores like one long run.
		record Slice(byte[] data, SeriesPoints into, int offset) {
		}
		var slices = new ArrayList<Slice>();
		var decoded = new LinkedHashMap<Long, SeriesPoints>();
		long totalPoints = 0;
		for (var info : series) {
			var data = chunks.get(info.seriesId());
			if (data == null || decoded.containsKey(info.seriesId())) {
				continue;
			}
			var offsets = new int[data.size() + 1];
			for (int k = 0; k < data.size(); k++) {
				offsets[k + 1] = offsets[k] + ChunkCodec.pointCount(data.get(k));
			}
			int total = offsets[data.size()];
			var points = new SeriesPoints(info.key(), new long[total], new long[total], new double[total]);
			decoded.put(info.seriesId(), points);
			for (int k = 0; k < data.size(); k++) {
				slices.add(new Slice(data.get(k), points, offsets[k]));
			}
			totalPoints += total;
		}
		cores.forEach(slices.size(), totalPoints, k -> {
			var slice = slices.get(k);
			ChunkCodec.decodeInto(slice.data(), slice.into().steps, slice.into().timestamps, slice.into().values,
					slice.offset());
		});
		var result = new HashMap<Long, Columns>();
		for (var info : series) {
			var points = decoded.get(info.seriesId());
			if (points == null) {
				result.put(info.seriesId(), Columns.EMPTY);
				continue;
			}
			if (overlapping.getOrDefault(info.seriesId(), false)) {
				points.sort();
			}
			result.put(info.seriesId(), clip(points, minStep, maxStep));
		}
		return result;
	}

	/** Chunks straddle the range edges; cut the decoded columns to exactly [minStep, maxStep]. */
	private static Columns clip(SeriesPoints p, long minStep, long maxStep) {
		int from = 0;
		while (from < p.size && p.steps[from] < minStep) {
			from++;
		}
		int to = p.size;
		while (to > from && p.steps[to - 1] > maxStep) {
			to--;
		}
		if (from == 0 && to == p.size) {
			return new Columns(p.steps, p.timestamps, p.values, p.size);
		}
		return new Columns(Arrays.copyOfRange(p.steps, from, to), Arrays.copyOfRange(p.timestamps, from, to),
				Arrays.copyOfRange(p.values, from, to), to - from);
	}

	private void requireRuns(OrgId orgId, List<RunId> runIds) {
		var ids = runIds.stream().map(RunId::value).distinct().toArray(UUID[]::new);
		var found = jdbc.sql("select run_id from runs where org_id = ? and run_id = any(?)")
			.params(orgId.value(), ids)
			.query(UUID.class)
			.set();
		for (var id : ids) {
			if (!found.contains(id)) {
				throw new NotFoundException("run", id);
			}
		}
	}

	static SeriesInfo info(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new SeriesInfo(rs.getLong("series_id"), new RunId(rs.getObject("run_id", UUID.class)),
				rs.getString("key"), rs.getString("display_key"), rs.getLong("point_count"),
				rs.getObject("first_step", Long.class), rs.getObject("max_step", Long.class),
				rs.getObject("last_step", Long.class), rs.getObject("last_ts", Long.class),
				rs.getObject("last_value", Double.class), rs.getObject("min_value", Double.class),
				rs.getObject("max_value", Double.class), rs.getLong("change_seq"));
	}
}
