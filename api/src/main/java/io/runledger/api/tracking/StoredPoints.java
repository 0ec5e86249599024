package io.runledger.api.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.runledger.api.tracking.codec.ChunkCodec;
import io.runledger.tenancy.OrgId;

/**
 * Set semantics for writers that need them (MLflow): a point identical in step, timestamp and value to one its series
 * holds, or to an earlier one of the same request, is dropped. Called in the writing transaction once the series rows
 * exist; it locks them (in series-id order, the writers' lock order), so two requests carrying the same new point
 * cannot both find it missing.
 */
final class StoredPoints {

	private record Point(long step, long timestamp, long valueBits) {

		/** One NaN is like another (MLflow keeps is_nan, not the payload); every other value by its bits. */
		static Point of(long step, long timestamp, double value) {
			return new Point(step, timestamp, Double.doubleToLongBits(value));
		}
	}

	private StoredPoints() {
	}

	/** The series without the points already stored or repeated; series left empty are left out. */
	static List<SeriesPoints> withoutStored(JdbcClient jdbc, OrgId orgId, Map<String, Long> seriesIds,
			List<SeriesPoints> series) {
		int n = series.size();
		var ids = new long[n];
		var firstSteps = new long[n];
		var lastSteps = new long[n];
		var firstTs = new long[n];
		var lastTs = new long[n];
		var byId = new HashMap<Long, Set<Point>>();
		for (int i = 0; i < n; i++) {
			var s = series.get(i);
			ids[i] = seriesIds.get(s.key);
			// Sorted by step: the first and last steps bound the series; timestamps are not sorted.
			firstSteps[i] = s.steps[0];
			lastSteps[i] = s.steps[s.size - 1];
			firstTs[i] = Long.MAX_VALUE;
			lastTs[i] = Long.MIN_VALUE;
			for (int j = 0; j < s.size; j++) {
				firstTs[i] = Math.min(firstTs[i], s.timestamps[j]);
				lastTs[i] = Math.max(lastTs[i], s.timestamps[j]);
			}
			byId.put(ids[i], new HashSet<>());
		}
		var locked = ids.clone();
		java.util.Arrays.sort(locked);
		jdbc.sql("select series_id from metric_series where org_id = ? and series_id = any(?) order by series_id for update")
			.params(orgId.value(), locked)
			.query(Long.class)
			.list();
		// Only chunks whose step and timestamp ranges both overlap the new points' are read (and decoded).
		jdbc.sql("""
				select c.series_id, c.data from metric_chunks c
				join unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) as r(id, lo, hi, tlo, thi)
				  on c.series_id = r.id
				where c.org_id = ? and c.last_step >= r.lo and c.first_step <= r.hi
				  and c.last_ts >= r.tlo and c.first_ts <= r.thi""")
			.params(ids, firstSteps, lastSteps, firstTs, lastTs, orgId.value())
			.query(rs -> {
				var stored = byId.get(rs.getLong(1));
				var points = ChunkCodec.decode(rs.getBytes(2));
				for (int j = 0; j < points.size(); j++) {
					stored.add(Point.of(points.steps()[j], points.timestamps()[j], points.values()[j]));
				}
			});
		var result = new ArrayList<SeriesPoints>(n);
		for (int i = 0; i < n; i++) {
			var s = series.get(i);
			var seen = byId.get(ids[i]);
			var kept = new SeriesPoints(s.key, s.size);
			for (int j = 0; j < s.size; j++) {
				if (seen.add(Point.of(s.steps[j], s.timestamps[j], s.values[j]))) {
					kept.add(s.steps[j], s.timestamps[j], s.values[j]);
				}
			}
			if (kept.size > 0) {
				result.add(kept);
			}
		}
		return result;
	}
}
