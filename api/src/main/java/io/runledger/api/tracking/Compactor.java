package io.runledger.api.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.codec.ChunkCodec;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.TenantTransactions;

/**
 * Merges a series' small chunks (left by many small writes, e.g. MLflow's log-metric) into full, sorted ones. One
 * transaction per series: the series row is locked, the small chunks are read, merged, re-encoded, inserted, and
 * the originals deleted — so a crash at any point leaves either the old chunks or the new ones, never both or
 * neither. Writers that arrive meanwhile add new chunks, untouched here.
 */
@Component
class Compactor {

	private static final Logger log = LoggerFactory.getLogger(Compactor.class);

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TenantTransactions tx;

	private final TrackingProperties properties;

	Compactor(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TenantTransactions tx, TrackingProperties properties) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.tx = tx;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${runledger.tracking.compaction-interval:5s}",
			initialDelayString = "${runledger.tracking.compaction-interval:5s}")
	void compactPending() {
		try {
			int compacted = compactAll(properties.compactionThreshold(), 200);
			if (compacted > 0) {
				log.debug("Compacted {} series", compacted);
			}
		}
		catch (RuntimeException e) {
			log.warn("Compaction round failed; it will be retried: {}", e.getMessage());
		}
	}

	/** Compacts up to {@code limit} series that have at least {@code threshold} small chunks. */
	int compactAll(int threshold, int limit) {
		record Candidate(UUID orgId, long seriesId) {
		}
		var candidates = jdbc.sql("select org_id, series_id from series_needing_compaction(?, ?)")
			.params(threshold, limit)
			.query((rs, row) -> new Candidate(rs.getObject(1, UUID.class), rs.getLong(2)))
			.list();
		for (var c : candidates) {
			compact(new OrgId(c.orgId()), c.seriesId());
		}
		return candidates.size();
	}

	void compact(OrgId orgId, long seriesId) {
		tx.writeVoid(orgId, () -> {
			var locked = jdbc.sql("select 1 from metric_series where org_id = ? and series_id = ? for update")
				.params(orgId.value(), seriesId)
				.query(Integer.class)
				.optional();
			if (locked.isEmpty()) {
				return;
			}
			var ids = new ArrayList<Long>();
			var data = new ArrayList<byte[]>();
			int[] total = { 0 };
			jdbc.sql("""
					select chunk_id, point_count, data from metric_chunks
					where org_id = ? and series_id = ? and point_count < ? order by first_step, chunk_id""")
				.params(orgId.value(), seriesId, MetricWriter.SMALL_CHUNK)
				.query(rs -> {
					ids.add(rs.getLong(1));
					total[0] += rs.getInt(2);
					data.add(rs.getBytes(3));
				});
			if (ids.size() < 2) {
				jdbc.sql("update metric_series set small_chunks = ? where org_id = ? and series_id = ?")
					.params(ids.size(), orgId.value(), seriesId)
					.update();
				return;
			}
			var merged = new SeriesPoints("", new long[total[0]], new long[total[0]], new double[total[0]]);
			int at = 0;
			for (var chunk : data) {
				at += ChunkCodec.decodeInto(chunk, merged.steps, merged.timestamps, merged.values, at);
			}
			merged.sort();
			var rewritten = rechunk(merged);
			jdbc.sql("delete from metric_chunks where org_id = ? and series_id = ? and chunk_id = any(?)")
				.params(orgId.value(), seriesId, ids.toArray(Long[]::new))
				.update();
			MetricWriter.insertChunks(jdbcTemplate, orgId, rewritten, chunk -> seriesId);
			long stillSmall = rewritten.stream().filter(c -> c.count() < MetricWriter.SMALL_CHUNK).count();
			jdbc.sql("update metric_series set small_chunks = ? where org_id = ? and series_id = ?")
				.params(stillSmall, orgId.value(), seriesId)
				.update();
		});
	}

	private static List<MetricWriter.EncodedChunk> rechunk(SeriesPoints points) {
		return MetricWriter.encode(List.of(points)).get(points.key);
	}
}
