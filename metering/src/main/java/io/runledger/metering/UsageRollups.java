package io.runledger.metering;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.TenantTransactions;

/**
 * Usage per organisation × project × meter × hour ({@code usage_hourly}), the unit billing rates and explains
 * invoice lines with. Quantities are in the meter's base unit ({@link Meter#baseUnit()}); windows are half-open
 * {@code [from, to)} and align to hours. Reads roll the organisation up first, so they are exact at the time of the
 * call; the scheduled job keeps every organisation's roll-ups current for everyone else.
 */
@Component
public class UsageRollups {

	private static final Logger log = LoggerFactory.getLogger(UsageRollups.class);

	static final UUID NO_PROJECT = new UUID(0, 0);

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final MeteringProperties properties;

	UsageRollups(JdbcClient jdbc, TenantTransactions tx, MeteringProperties properties) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.properties = properties;
	}

	/** One hour of one meter's usage in one project (project null: usage not tied to a project). */
	public record Rollup(ProjectId project, Meter meter, Instant hour, BigDecimal quantity) {
	}

	/** Rolls up every organisation's recent events; rolling up again changes nothing. Returns rows written. */
	@Scheduled(fixedDelayString = "${runledger.metering.rollup-interval:1m}",
			initialDelayString = "${runledger.metering.rollup-interval:1m}")
	public int rollUpAll() {
		int changed = rollUp(null);
		if (changed > 0) {
			log.debug("Rolled up {} usage hour(s)", changed);
		}
		return changed;
	}

	/** Rolls up one organisation's recent events; returns the hour rows written or changed. */
	public int rollUp(OrgId orgId) {
		return jdbc.sql("select roll_up_usage(?, make_interval(secs => ?))")
			.params(orgId == null ? null : orgId.value(), (double) properties.rollupMargin().toSeconds())
			.query(Integer.class)
			.single();
	}

	public List<Rollup> hourly(OrgId orgId, Meter meter, Instant from, Instant to) {
		return hourly(orgId, meter, null, from, to);
	}

	/** The hours of one meter's usage over {@code [from, to)}, for one project or (null) all of them. */
	public List<Rollup> hourly(OrgId orgId, Meter meter, ProjectId project, Instant from, Instant to) {
		requireWindow(from, to);
		rollUp(orgId);
		return tx.read(orgId, () -> jdbc.sql("""
				select project_key, hour, quantity from usage_hourly
				where org_id = ? and meter = ? and hour >= ? and hour < ? and (?::uuid is null or project_key = ?)
				order by hour, project_key""")
			.params(orgId.value(), meter.name(), Timestamp.from(from), Timestamp.from(to),
					project == null ? null : project.value(), project == null ? null : project.value())
			.query((rs, row) -> new Rollup(project(rs.getObject(1, UUID.class)), meter, rs.getTimestamp(2).toInstant(),
					rs.getBigDecimal(3)))
			.list());
	}

	public BigDecimal total(OrgId orgId, Meter meter, Instant from, Instant to) {
		return hourly(orgId, meter, from, to).stream().map(Rollup::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/**
	 * The period's totals as live-counter fields: one per meter ({@code DATA_POINTS}) and one per meter × project
	 * ({@code DATA_POINTS:<project id>}), in base units.
	 */
	Map<String, BigDecimal> periodTotals(OrgId orgId, Period period) {
		rollUp(orgId);
		record Row(Meter meter, ProjectId project, BigDecimal quantity) {
		}
		var rows = tx.read(orgId, () -> jdbc.sql("""
				select meter, project_key, sum(quantity) from usage_hourly
				where org_id = ? and hour >= ? and hour < ? group by 1, 2""")
			.params(orgId.value(), Timestamp.from(period.start()), Timestamp.from(period.end()))
			.query((rs, n) -> new Row(Meter.valueOf(rs.getString(1)), project(rs.getObject(2, UUID.class)),
					rs.getBigDecimal(3)))
			.list());
		var totals = new HashMap<String, BigDecimal>();
		for (var row : rows) {
			totals.merge(LiveCounters.field(row.meter(), null), row.quantity(), BigDecimal::add);
			if (row.project() != null) {
				totals.merge(LiveCounters.field(row.meter(), row.project()), row.quantity(), BigDecimal::add);
			}
		}
		return totals;
	}

	private static ProjectId project(UUID id) {
		return id == null || NO_PROJECT.equals(id) ? null : new ProjectId(id);
	}

	static void requireWindow(Instant from, Instant to) {
		if (!from.isBefore(to)) {
			throw new InvalidRequestException("from must lie before to (the window is [from, to))");
		}
	}
}
