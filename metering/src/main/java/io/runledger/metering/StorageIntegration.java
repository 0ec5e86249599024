package io.runledger.metering;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.TenantTransactions;

/**
 * Turns stored bytes into {@link Meter#STORAGE_BYTES} usage: for every whole hour, the integral of the stored level
 * over that hour in byte-seconds (a 1 GB file kept for the whole hour is 3.6 × 10^12; deleted after 15 minutes,
 * a quarter of that). Only hours that ended at least the roll-up margin ago are integrated, so changes committed late
 * still fall in open hours. Each hour is one usage event with a deterministic id ({@code storage:<project>:<hour>})
 * and the integration mark moves in the same transaction, so running twice, or concurrently, counts once.
 */
@Component
public class StorageIntegration {

	private static final Logger log = LoggerFactory.getLogger(StorageIntegration.class);

	private static final BigDecimal MICROS_PER_SECOND = BigDecimal.valueOf(1_000_000);

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final UsageRecorder recorder;

	private final MeteringProperties properties;

	private final Clock clock;

	StorageIntegration(JdbcClient jdbc, TenantTransactions tx, UsageRecorder recorder, MeteringProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.recorder = recorder;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${runledger.metering.storage-interval:5m}",
			initialDelayString = "${runledger.metering.storage-interval:5m}")
	public int integrateAll() {
		int hours = 0;
		for (var org : jdbc.sql("select * from orgs_with_storage()").query(UUID.class).list()) {
			hours += integrate(new OrgId(org));
		}
		if (hours > 0) {
			log.debug("Integrated {} storage hour(s)", hours);
		}
		return hours;
	}

	/** Integrates one organisation's whole hours up to now minus the margin; returns the hours recorded. */
	public int integrate(OrgId orgId) {
		var upTo = clock.instant().minus(properties.rollupMargin()).truncatedTo(ChronoUnit.HOURS);
		return tx.write(orgId, () -> {
			int recorded = 0;
			var projects = jdbc.sql("""
					select distinct coalesce(project_id, ?::uuid) from storage_changes where org_id = ?
					union select project_key from storage_levels where org_id = ? order by 1""")
				.params(UsageRollups.NO_PROJECT, orgId.value(), orgId.value())
				.query(UUID.class)
				.list();
			for (var projectKey : projects) {
				recorded += integrate(orgId, projectKey, upTo);
			}
			return recorded;
		});
	}

	private record Change(Instant at, long delta) {
	}

	private record Mark(long level, Instant integratedUntil) {
	}

	private int integrate(OrgId orgId, UUID projectKey, Instant upTo) {
		var project = UsageRollups.NO_PROJECT.equals(projectKey) ? null : new ProjectId(projectKey);
		var state = jdbc.sql("""
				select level_bytes, integrated_until from storage_levels
				where org_id = ? and project_key = ? for update""")
			.params(orgId.value(), projectKey)
			.query((rs, row) -> new Mark(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.optional();
		long level;
		Instant from;
		if (state.isPresent()) {
			level = state.get().level();
			from = state.get().integratedUntil();
		}
		else {
			var first = jdbc.sql("""
					select min(occurred_at) from storage_changes
					where org_id = ? and coalesce(project_id, ?::uuid) = ?""")
				.params(orgId.value(), UsageRollups.NO_PROJECT, projectKey)
				.query(Timestamp.class)
				.optional();
			if (first.isEmpty() || first.get() == null) {
				return 0;
			}
			level = 0;
			from = first.get().toInstant().truncatedTo(ChronoUnit.HOURS);
			// Insert the mark now so concurrent integrations of the same project serialise on its row.
			int inserted = jdbc.sql("""
					insert into storage_levels (org_id, project_key, level_bytes, integrated_until)
					values (?, ?, 0, ?) on conflict do nothing""")
				.params(orgId.value(), projectKey, Timestamp.from(from))
				.update();
			if (inserted == 0) {
				return 0;
			}
		}
		if (!from.isBefore(upTo)) {
			return 0;
		}
		List<Change> changes = jdbc.sql("""
				select occurred_at, delta_bytes from storage_changes
				where org_id = ? and coalesce(project_id, ?::uuid) = ? and occurred_at >= ? and occurred_at < ?
				order by occurred_at, event_id""")
			.params(orgId.value(), UsageRollups.NO_PROJECT, projectKey, Timestamp.from(from), Timestamp.from(upTo))
			.query((rs, row) -> new Change(rs.getTimestamp(1).toInstant(), rs.getLong(2)))
			.list();
		int recorded = 0;
		int next = 0;
		for (var hour = from; hour.isBefore(upTo); hour = hour.plus(Duration.ofHours(1))) {
			var hourEnd = hour.plus(Duration.ofHours(1));
			var byteMicros = BigInteger.ZERO;
			var cursor = hour;
			while (next < changes.size() && changes.get(next).at().isBefore(hourEnd)) {
				var change = changes.get(next++);
				byteMicros = byteMicros.add(area(level, cursor, change.at()));
				level += change.delta();
				cursor = change.at();
			}
			byteMicros = byteMicros.add(area(level, cursor, hourEnd));
			if (byteMicros.signum() > 0) {
				var byteSeconds = new BigDecimal(byteMicros).divide(MICROS_PER_SECOND);
				recorder.record(orgId, "storage:" + projectKey + ":" + hour.getEpochSecond(), Meter.STORAGE_BYTES,
						project, null, byteSeconds, hour, hourEnd);
				recorded++;
			}
		}
		jdbc.sql("update storage_levels set level_bytes = ?, integrated_until = ? where org_id = ? and project_key = ?")
			.params(level, Timestamp.from(upTo), orgId.value(), projectKey)
			.update();
		return recorded;
	}

	/** Bytes × microseconds between two instants at a constant level (never negative: a level below 0 is a bug). */
	private static BigInteger area(long level, Instant from, Instant to) {
		long micros = ChronoUnit.MICROS.between(from, to);
		return BigInteger.valueOf(Math.max(level, 0)).multiply(BigInteger.valueOf(micros));
	}
}
